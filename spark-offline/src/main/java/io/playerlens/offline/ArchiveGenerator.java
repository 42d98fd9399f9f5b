package io.playerlens.offline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.archive.ArchiveFileWriter;
import io.playerlens.contracts.archive.ArchiveLayout;
import io.playerlens.contracts.codec.BatchCodec;
import io.playerlens.contracts.event.EventFields;
import io.playerlens.simulator.PlayerSimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;

/**
 * A synthetic archive for trying the jobs and for the backfill benchmark: the player simulator's sessions (levels,
 * coins, offers shown and clicked, purchases) as client batches of 10, stamped as ingest stamps them ({@code game_id},
 * {@code received_at}), 3 % of them sent twice and 2 % arriving the next day, archived by arrival hour as
 * multi-member gzip files — the layout and record format of the real archive.
 */
public final class ArchiveGenerator {
    /** What was written. */
    public record Result(long events, long bytes) {
    }

    static final String GAME_ID = "generated-game";
    private static final int BATCH = 10;

    private final Path root;
    private final long seed;
    private final Random random;
    private final BatchCodec codec = new BatchCodec(Deflater.DEFAULT_COMPRESSION);

    public ArchiveGenerator(Path root, long seed) {
        this.root = root;
        this.seed = seed;
        this.random = new Random(seed);
    }

    public Result generate(long events, int players, LocalDate firstDay, int days) throws IOException {
        PlayerSimulator simulator = new PlayerSimulator(seed, players, "gen-");
        long written = 0;
        long bytes = 0;
        long start = firstDay.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        long span = days * 86_400_000L;
        try (ArchiveFileWriter writer = new ArchiveFileWriter(root, ArchiveLayout.RAW, "generated")) {
            // Batches in time order per slice, so files roll by arrival hour as Firehose's do.
            int batchesPerSlice = 2000;
            long batches = events / BATCH;
            long sliceMs = Math.max(1, span / Math.max(1, batches / batchesPerSlice));
            for (long t = start; written < events; t = Math.min(start + span - 1, t + sliceMs)) {
                for (int b = 0; b < batchesPerSlice && written < events; b++) {
                    long sentAt = Math.max(start + BATCH * 400L, t + random.nextInt((int) Math.min(Integer.MAX_VALUE, sliceMs)));
                    long arrival = sentAt + 1000 + random.nextInt(3000) + (random.nextInt(100) < 2 ? 86_400_000L : 0);
                    byte[] record = record(simulator.clientBatch(random.nextInt(players), sentAt, BATCH), sentAt + 1000);
                    writer.append(Instant.ofEpochMilli(arrival), record);
                    bytes += record.length;
                    written += BATCH;
                    if (random.nextInt(100) < 3) {
                        writer.append(Instant.ofEpochMilli(arrival + 2000), record);
                        bytes += record.length;
                    }
                }
                if (writer.bufferedBytes() > 64L * 1024 * 1024) {
                    writer.flush();
                }
            }
        }
        return new Result(written, bytes);
    }

    /** The batch's events as ingest archives them: stamped with the game and the receipt time, one gzip member. */
    private byte[] record(ObjectNode body, long receivedAt) {
        List<byte[]> lines = new ArrayList<>(BATCH);
        for (var event : body.get("events")) {
            ObjectNode stamped = (ObjectNode) event;
            stamped.put(EventFields.GAME_ID, GAME_ID);
            stamped.put(EventFields.RECEIVED_AT, receivedAt);
            lines.add(stamped.toString().getBytes(StandardCharsets.UTF_8));
        }
        return codec.encodeLines(lines);
    }
}
