package io.playerlens.offline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playerlens.contracts.archive.ArchiveLayout;
import io.playerlens.contracts.codec.BatchCodec;
import io.playerlens.contracts.event.ErasureRule;
import io.playerlens.contracts.event.PlayerKey;
import io.playerlens.contracts.event.ServerEventTypes;
import io.playerlens.contracts.quarantine.QuarantineEntry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The privacy flow on the archive: removes every event of the erased players that the platform received at or before
 * their erasure ({@link ErasureRule}, by server receipt time, as the feature job and the backfill decide) and the
 * erasure record itself from the raw and quarantine files; a quarantine entry naming the player goes whatever its
 * time. A player is a game's player ({@link PlayerKey}): erasing {@code game-a/1234} leaves {@code game-b/1234}.
 * Erased players are those with a {@code player_erased} event in the archive, plus any given explicitly. Each file that holds such an event is
 * rewritten without it (to a hidden temporary file, then renamed over the original); files without one are not
 * touched. Files are processed in parallel by Spark, one task per file.
 */
public final class EraseJob {
    /** What the run removed. */
    public record Result(int erasedPlayers, long filesScanned, long filesRewritten, long eventsRemoved) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SparkSession spark;
    private final Progress progress;

    public EraseJob(SparkSession spark, Progress progress) {
        this.spark = spark;
        this.progress = progress;
    }

    /** @param explicitPlayers players ({@code <game_id>/<player_id>}) to erase entirely even without an erasure event in the archive */
    public Result run(String archive, Set<PlayerKey> explicitPlayers) throws IOException {
        List<String> files = files(archive);
        progress.step("scanning " + files.size() + " archive files under " + archive + " for erasures");
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int slices = Math.max(1, Math.min(files.size(), 4 * Runtime.getRuntime().availableProcessors()));
        Map<String, Long> erasedThrough = new HashMap<>(context.parallelize(files, slices).flatMap(file -> erasures(file).entrySet().iterator())
                .mapToPair(e -> new scala.Tuple2<>(e.getKey(), e.getValue())).reduceByKey(Math::max).collectAsMap());
        explicitPlayers.forEach(p -> erasedThrough.put(p.value(), Long.MAX_VALUE));
        if (erasedThrough.isEmpty()) {
            progress.step("no erased players: nothing to do");
            return new Result(0, files.size(), 0, 0);
        }
        progress.step("erasing " + erasedThrough.size() + " players' events from " + files.size() + " files");
        var erased = context.broadcast(erasedThrough);
        List<long[]> counts = context.parallelize(files, slices).map(file -> rewrite(file, erased.value())).collect();
        long rewritten = counts.stream().filter(c -> c[0] > 0).count();
        long removed = counts.stream().mapToLong(c -> c[0]).sum();
        progress.step(String.format("removed %,d events from %,d files", removed, rewritten));
        return new Result(erasedThrough.size(), files.size(), rewritten, removed);
    }

    private List<String> files(String archive) throws IOException {
        List<String> files = new java.util.ArrayList<>();
        Path root = new Path(archive);
        FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
        for (String prefix : List.of(ArchiveLayout.RAW, ArchiveLayout.QUARANTINE)) {
            Path folder = new Path(root, prefix);
            if (!fs.exists(folder)) {
                continue;
            }
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(folder, true);
            while (it.hasNext()) {
                FileStatus status = it.next();
                if (status.getPath().getName().endsWith(".gz") && !status.getPath().getName().startsWith(".")) {
                    files.add(status.getPath().toString());
                }
            }
        }
        return files;
    }

    /** Player key ({@link PlayerKey#value()}) → when the platform received their latest erasure, from one file. */
    static Map<String, Long> erasures(String file) throws IOException {
        Map<String, Long> found = new HashMap<>();
        forEachLine(file, line -> {
            if (line.contains(ServerEventTypes.PLAYER_ERASED)) {
                JsonNode event = MAPPER.readTree(line);
                if (ServerEventTypes.PLAYER_ERASED.equals(event.path("type").asText())) {
                    PlayerKey player = PlayerKey.orNull(event.path("game_id").asText(null), event.path("player_id").asText(null));
                    if (player != null) {
                        found.merge(player.value(), event.path("received_at").asLong(), Math::max);
                    }
                }
            }
        });
        return found;
    }

    /** Rewrites the file without the erased events; returns {removed}. */
    static long[] rewrite(String file, Map<String, Long> erasedThrough) throws IOException {
        Path path = new Path(file);
        FileSystem fs = fileSystem(path);
        Path temporary = new Path(path.getParent(), "." + path.getName() + ".erasing");
        long[] removed = {0};
        try (OutputStream out = new GZIPOutputStream(fs.create(temporary, true))) {
            forEachLine(file, line -> {
                if (erasable(line, erasedThrough)) {
                    removed[0]++;
                } else {
                    out.write(line.getBytes(StandardCharsets.UTF_8));
                    out.write('\n');
                }
            });
        }
        if (removed[0] == 0) {
            fs.delete(temporary, false);
        } else if (!fs.rename(temporary, path)) {
            fs.delete(path, false);
            if (!fs.rename(temporary, path)) {
                throw new IOException("cannot replace " + file + " with its erased copy " + temporary);
            }
        }
        return removed;
    }

    private static boolean erasable(String line, Map<String, Long> erasedThrough) throws IOException {
        JsonNode json = MAPPER.readTree(line);
        if (QuarantineEntry.isEntry(json)) {
            // A refusal holds the erased player's data whatever its time (which may be missing or invalid): it goes.
            return quarantinedPlayers(QuarantineEntry.fromJson(json)).stream().anyMatch(erasedThrough::containsKey);
        }
        Long erasedAt = erasedThrough.get(PlayerKey.value(json.path("game_id").asText(), json.path("player_id").asText()));
        if (erasedAt == null) {
            return false;
        }
        return ServerEventTypes.PLAYER_ERASED.equals(json.path("type").asText())
                || ErasureRule.erases(erasedAt, json.path("received_at").asLong(Long.MIN_VALUE));
    }

    /**
     * The players of an entry as keys ({@link PlayerKey#value()}), including those of an undecodable record's lines that
     * do decode; a player id without a game of its own is the entry's game's (the key that sent it).
     */
    static java.util.Set<String> quarantinedPlayers(QuarantineEntry entry) {
        java.util.Set<String> players = new java.util.TreeSet<>();
        entry.players().forEach(id -> players.add(PlayerKey.value(entry.gameId(), id)));
        if (entry.record() != null) {
            try {
                for (byte[] line : BatchCodec.decodeLines(entry.record())) {
                    try {
                        JsonNode event = MAPPER.readTree(line);
                        if (event != null && event.path("player_id").isTextual()) {
                            String game = event.path("game_id").isTextual() ? event.get("game_id").asText() : entry.gameId();
                            players.add(PlayerKey.value(game, event.get("player_id").asText()));
                        }
                    } catch (IOException notJson) {
                        // a line that is not JSON names nobody
                    }
                }
            } catch (RuntimeException undecodable) {
                // bytes that are not a playerlens record name nobody
            }
        }
        return players;
    }

    /** The file system of the archive; locally without Hadoop's .crc side files, which the archive does not have. */
    private static FileSystem fileSystem(Path path) throws IOException {
        FileSystem fs = path.getFileSystem(new Configuration());
        return fs instanceof org.apache.hadoop.fs.LocalFileSystem local ? local.getRawFileSystem() : fs;
    }

    private interface LineConsumer {
        void accept(String line) throws IOException;
    }

    private static void forEachLine(String file, LineConsumer consumer) throws IOException {
        Path path = new Path(file);
        FileSystem fs = fileSystem(path);
        // GZIPInputStream reads every member of a multi-member file.
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(fs.open(path), 65536), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    consumer.accept(line);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
