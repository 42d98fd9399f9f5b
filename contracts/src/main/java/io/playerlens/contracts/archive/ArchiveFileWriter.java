package io.playerlens.contracts.archive;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes records into the archive layout in a folder, as Firehose writes S3 objects: records appended as-is
 * (gzip members) to one file per partition, which becomes visible only when the buffer is flushed
 * ({@link #flush()}: written to a hidden temporary name, then renamed, so readers never see half a file).
 * Not thread-safe: one writer per consumer thread.
 */
public final class ArchiveFileWriter implements Closeable {
    private final Path root;
    private final String prefix;
    private final String writerId;
    private final Map<String, Open> open = new HashMap<>();
    private long sequence;
    private long bytes;

    private static final class Open {
        private final Path temporary;
        private final Path target;
        private final OutputStream out;

        public Open(Path temporary, Path target, OutputStream out) {
            this.temporary = temporary;
            this.target = target;
            this.out = out;
        }

        public Path temporary() {
            return temporary;
        }

        public Path target() {
            return target;
        }

        public OutputStream out() {
            return out;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Open)) {
                return false;
            }
            Open that = (Open) o;
            return java.util.Objects.equals(temporary, that.temporary) && java.util.Objects.equals(target, that.target) && java.util.Objects.equals(out, that.out);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(temporary, target, out);
        }

        @Override
        public String toString() {
            return "Open[" + "temporary=" + temporary + ", " + "target=" + target + ", " + "out=" + out + "]";
        }

    }

    /**
     * @param prefix {@link ArchiveLayout#RAW} or {@link ArchiveLayout#QUARANTINE}
     * @param writerId part of every file name, so several writers never collide
     */
    public ArchiveFileWriter(Path root, String prefix, String writerId) {
        this.root = root;
        this.prefix = prefix;
        this.writerId = writerId;
    }

    /** Appends one record that arrived at {@code arrival}. */
    public void append(Instant arrival, byte[] record) {
        String partition = ArchiveLayout.partition(prefix, arrival);
        try {
            Open file = open.get(partition);
            if (file == null) {
                Path folder = root.resolve(partition);
                Files.createDirectories(folder);
                String name = "playerlens-" + prefix + "-" + writerId + "-" + arrival.toEpochMilli() + "-" + (sequence++) + ".gz";
                Path temporary = folder.resolve("." + name + ".tmp");
                file = new Open(temporary, folder.resolve(name), Files.newOutputStream(temporary));
                open.put(partition, file);
            }
            file.out().write(record);
            bytes += record.length;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the archive under " + root, e);
        }
    }

    /** Bytes appended since the last flush. */
    public long bufferedBytes() {
        return bytes;
    }

    /** Closes the open files and makes them visible. */
    public void flush() {
        try {
            for (Open file : open.values()) {
                file.out().close();
                Files.move(file.temporary(), file.target(), StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush the archive under " + root, e);
        } finally {
            open.clear();
            bytes = 0;
        }
    }

    @Override
    public void close() {
        flush();
    }
}
