package io.playerlens.offline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.playerlens.contracts.archive.ArchiveFileWriter;
import io.playerlens.contracts.archive.ArchiveLayout;
import io.playerlens.contracts.codec.BatchCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.UUID;
import java.util.zip.Deflater;

/**
 * A synthetic archive for trying the jobs and for the backfill benchmark: players' sessions (levels, coins, offers
 * shown and clicked, purchases) as client batches of 10, 3 % of them sent twice and 2 % arriving the next day,
 * archived by arrival hour as multi-member gzip files — the layout and record format of the real archive.
 */
public final class ArchiveGenerator {
    /** What was written. */
    public record Result(long events, long bytes) {
    }

    private static final String[] OFFERS = {"starter_pack", "coin_pack", "gems_500", "vip_bundle"};
    private static final JsonFactory JSON = new JsonFactory();

    private final Path root;
    private final Random random;
    private final BatchCodec codec = new BatchCodec(Deflater.DEFAULT_COMPRESSION);

    public ArchiveGenerator(Path root, long seed) {
        this.root = root;
        this.random = new Random(seed);
    }

    public Result generate(long events, int players, LocalDate firstDay, int days) throws IOException {
        long written = 0;
        long bytes = 0;
        long start = firstDay.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        long span = days * 86_400_000L;
        try (ArchiveFileWriter writer = new ArchiveFileWriter(root, ArchiveLayout.RAW, "generated")) {
            // Batches in time order per slice, so files roll by arrival hour as Firehose's do.
            int batchesPerSlice = 2000;
            long batches = events / 10;
            long sliceMs = Math.max(1, span / Math.max(1, batches / batchesPerSlice));
            for (long t = start; written < events; t = Math.min(start + span - 1, t + sliceMs)) {
                for (int b = 0; b < batchesPerSlice && written < events; b++) {
                    int player = random.nextInt(players);
                    long ts = t + random.nextInt((int) Math.min(Integer.MAX_VALUE, sliceMs));
                    byte[] ndjson = batch("gen-" + player, player % 5 == 0, ts);
                    long arrival = ts + 1000 + random.nextInt(3000) + (random.nextInt(100) < 2 ? 86_400_000L : 0);
                    byte[] record = codec.encode(ndjson, 0, ndjson.length);
                    writer.append(Instant.ofEpochMilli(arrival), record);
                    bytes += record.length;
                    written += 10;
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

    private byte[] batch(String player, boolean payer, long t) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        String session = UUID.randomUUID().toString();
        String shown = OFFERS[random.nextInt(OFFERS.length)];
        for (int i = 0; i < 10; i++) {
            long ts = t + i * 1500L;
            try (JsonGenerator g = JSON.createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("event_id", UUID.randomUUID().toString());
                g.writeStringField("player_id", player);
                g.writeStringField("game_id", "generated-game");
                int roll = random.nextInt(100);
                String type = i == 0 ? "session_start" : roll < 30 ? "level_complete" : roll < 55 ? "currency_earn" : roll < 70 ? "offer_shown"
                        : roll < 78 ? "offer_click" : roll < 83 && payer ? "purchase" : roll < 90 ? "session_end" : "store_view";
                g.writeStringField("type", type);
                g.writeNumberField("ts", ts);
                g.writeNumberField("received_at", ts + 1000);
                g.writeStringField("session_id", session);
                g.writeObjectFieldStart("props");
                switch (type) {
                    case "session_start" -> {
                        g.writeStringField("platform", random.nextBoolean() ? "ios" : "android");
                        g.writeStringField("country", random.nextBoolean() ? "DE" : "BR");
                        g.writeStringField("app_version", "3.4.1");
                    }
                    case "level_complete" -> g.writeNumberField("level", 1 + random.nextInt(60));
                    case "currency_earn" -> {
                        g.writeNumberField("amount", 5 * (1 + random.nextInt(20)));
                        g.writeStringField("currency_type", "coins");
                    }
                    case "offer_shown" -> {
                        g.writeStringField("offer_id", shown);
                        g.writeStringField("placement", "store");
                        g.writeStringField("model", random.nextBoolean() ? "starter-heuristic" : "store-logreg");
                    }
                    case "offer_click" -> {
                        g.writeStringField("offer_id", shown);
                        g.writeStringField("placement", "store");
                    }
                    case "purchase" -> {
                        g.writeStringField("sku", shown);
                        g.writeNumberField("price_cents", 99 + 100 * random.nextInt(20));
                        g.writeStringField("currency", "USD");
                    }
                    case "session_end" -> g.writeNumberField("duration_s", 30 + random.nextInt(900));
                    default -> {
                    }
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            out.write('\n');
        }
        return out.toByteArray();
    }
}
