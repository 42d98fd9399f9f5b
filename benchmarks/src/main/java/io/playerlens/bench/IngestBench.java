package io.playerlens.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdDictTrainer;
import io.playerlens.contracts.codec.BatchCodec;
import io.playerlens.contracts.codec.PackedRecord;
import io.playerlens.contracts.codec.RecordLimits;
import io.playerlens.contracts.codec.RecordPacker;
import io.playerlens.contracts.codec.ShardMap;
import io.playerlens.contracts.event.EventCatalog;
import io.playerlens.contracts.event.EventValidator;
import io.playerlens.contracts.event.ValidationResult;
import io.playerlens.simulator.PlayerSimulator;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The ingest benchmark of the record format: handler throughput per core (JMH), compressed bytes per event,
 * and what one Kinesis shard carries at that size, for client batches of 10, 50 and 200 events. Compares
 * gzip levels and zstd (with and without a trained dictionary) in the same run.
 *
 * <p>Run: {@code mvn -B -q -DskipTests package -pl benchmarks -am && java -jar benchmarks/target/benchmarks.jar}
 * ({@code --sizes-only} skips JMH).
 */
public final class IngestBench {
    private static final int[] BATCH_SIZES = {10, 50, 200};
    private static final int BATCHES = 400;
    private static final long SHARD_RECORDS_PER_SECOND = 1000;
    private static final long SHARD_BYTES_PER_SECOND = 1024 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        boolean sizesOnly = List.of(args).contains("--sizes-only");
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("playerlens ingest benchmark — %d cores, %s %s%n%n", cores,
                System.getProperty("java.vm.name"), System.getProperty("java.version"));

        Map<Integer, Double> eventsPerSecond = sizesOnly ? Map.of() : runJmh();
        if (!sizesOnly) {
            System.out.println("Ingest handler throughput, one thread (= one core): parse + validate + pack + gzip, Kinesis call excluded");
            System.out.printf("  %-6s %14s%n", "batch", "events/s/core");
            for (int size : BATCH_SIZES) {
                System.out.printf("  %-6d %,14.0f%n", size, eventsPerSecond.get(size));
            }
            System.out.println();
        }

        PlayerSimulator sample = new PlayerSimulator(3, 100, "p-");
        double clientBytes = 0;
        int clientEvents = 0;
        for (int i = 0; i < 100; i++) {
            for (JsonNode e : sample.clientBatch(i, System.currentTimeMillis(), 50).get("events")) {
                clientBytes += e.toString().length();
                clientEvents++;
            }
        }
        System.out.printf("Realistic events: %.0f bytes of client JSON each on average (%.0f in the stream form, with server stamps)%n%n",
                clientBytes / clientEvents, streamBytes(canonicalBatches(50, 3)));

        byte[] dictionary = trainDictionary();
        System.out.println("Compressed bytes per event (data + partition key, as Kinesis counts) and one shard's capacity");
        System.out.printf("  %-6s %-22s %9s %11s %13s %15s %10s%n", "batch", "codec", "B/event", "events/rec",
                "PUT units/1k", "events/s/shard", "vs naive");
        for (int size : BATCH_SIZES) {
            List<List<JsonNode>> batches = canonicalBatches(size, 1000 + size);
            double rawBytes = streamBytes(batches);
            double naive = Math.min(SHARD_RECORDS_PER_SECOND, SHARD_BYTES_PER_SECOND / rawBytes);
            for (Map.Entry<String, Codec> codec : codecs(dictionary).entrySet()) {
                Sizes sizes = measure(batches, codec.getValue());
                double perShard = Math.min(SHARD_RECORDS_PER_SECOND * sizes.eventsPerRecord(), SHARD_BYTES_PER_SECOND / sizes.bytesPerEvent());
                System.out.printf("  %-6d %-22s %9.1f %11.1f %13.1f %,15.0f %9.1fx%n", size, codec.getKey(), sizes.bytesPerEvent(),
                        sizes.eventsPerRecord(), sizes.putUnitsPer1000(), perShard, perShard / naive);
            }
            System.out.printf("  %-6d %-22s %9.1f %11.1f %13.1f %,15.0f %9.1fx%n%n", size, "naive: 1 event/record", rawBytes + 9, 1.0,
                    1000.0, naive, 1.0);
        }
        System.out.println("PUT units/1k: 25 KB PUT payload units billed per 1,000 events. Shard capacity = min(1,000 records/s, 1 MiB/s).");
        System.out.println();
        printShapes();
        System.out.println("zstd+dict needs the dictionary to decode (not a plain .gz in the archive); see docs/record-format.md.");
    }

    /**
     * Records per request for both traffic shapes (gzip -9 as shipped): a client's batch (one player) and a game
     * server's relay batch (50 players × 4 events), packed per player and by shard.
     */
    private static void printShapes() {
        RecordPacker packer = new RecordPacker(new BatchCodec(Deflater.BEST_COMPRESSION), RecordLimits.KINESIS, MAPPER);
        System.out.println("Records per request by traffic shape and packing (gzip -9)");
        System.out.printf("  %-34s %-16s %16s %9s %15s%n", "shape", "packing", "records/request", "B/event", "events/s/shard");
        List<List<JsonNode>> client = canonicalBatches(50, 11);
        List<List<JsonNode>> relay = relayBatches(50, 4, 12);
        shapeRow(packer, "client batch (1 player x 50)", client, "per player", null);
        shapeRow(packer, "client batch (1 player x 50)", client, "by shard (4)", ShardMap.even(4));
        shapeRow(packer, "relay batch (50 players x 4)", relay, "per player", null);
        shapeRow(packer, "relay batch (50 players x 4)", relay, "by shard (2)", ShardMap.even(2));
        shapeRow(packer, "relay batch (50 players x 4)", relay, "by shard (4)", ShardMap.even(4));
        System.out.println("Events/s/shard: what one shard carries at that packing, min(1,000 records/s x events/record, 1 MiB/s / B/event).");
    }

    private static void shapeRow(RecordPacker packer, String shape, List<List<JsonNode>> batches, String packing, ShardMap shards) {
        long records = 0;
        long bytes = 0;
        long events = 0;
        for (List<JsonNode> batch : batches) {
            for (PackedRecord record : packer.pack(batch, e -> e.get("player_id").asText(), shards)) {
                records++;
                bytes += record.billedBytes();
                events += record.eventCount();
            }
        }
        double perRecord = (double) events / records;
        double bytesPerEvent = (double) bytes / events;
        double perShard = Math.min(SHARD_RECORDS_PER_SECOND * perRecord, SHARD_BYTES_PER_SECOND / bytesPerEvent);
        System.out.printf("  %-34s %-16s %16.1f %9.1f %,15.0f%n", shape, packing, (double) records / batches.size(), bytesPerEvent, perShard);
    }

    /** Relay batches in their stream form: {@code players} players' {@code each} events, interleaved. */
    private static List<List<JsonNode>> relayBatches(int players, int each, long seed) {
        PlayerSimulator generator = new PlayerSimulator(seed, 5000, "p-");
        EventValidator validator = new EventValidator(EventCatalog.defaultCatalog(), io.playerlens.contracts.event.EventTimePolicy.defaults());
        List<List<JsonNode>> batches = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (int b = 0; b < BATCHES; b++) {
            List<JsonNode> batch = new ArrayList<>();
            for (JsonNode raw : generator.relayBatch(b * players, players, now, each).get("events")) {
                ValidationResult result = validator.validate(raw, raw.toString().length(), "space-race", now);
                batch.add(((ValidationResult.Accepted) result).event());
            }
            batches.add(batch);
        }
        return batches;
    }

    private static double streamBytes(List<List<JsonNode>> batches) {
        return batches.stream().flatMap(List::stream).mapToInt(e -> e.toString().length()).average().orElseThrow();
    }

    private static Map<Integer, Double> runJmh() throws Exception {
        var options = new OptionsBuilder().include(IngestHandlerBenchmark.class.getSimpleName()).threads(1).build();
        Map<Integer, Double> results = new LinkedHashMap<>();
        for (RunResult result : new Runner(options).run()) {
            int batch = Integer.parseInt(result.getParams().getParam("batchSize"));
            results.put(batch, result.getPrimaryResult().getScore() * batch);
        }
        return results;
    }

    /** Batches in their stream form (validated, canonical), grouped as the handler would pack them. */
    private static List<List<JsonNode>> canonicalBatches(int size, long seed) {
        PlayerSimulator generator = new PlayerSimulator(seed, 1000, "p-");
        EventValidator validator = new EventValidator(EventCatalog.defaultCatalog(), io.playerlens.contracts.event.EventTimePolicy.defaults());
        List<List<JsonNode>> batches = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (int b = 0; b < BATCHES; b++) {
            List<JsonNode> batch = new ArrayList<>();
            for (JsonNode raw : generator.clientBatch(b, now, size).get("events")) {
                ValidationResult result = validator.validate(raw, raw.toString().length(), "space-race", now);
                batch.add(((ValidationResult.Accepted) result).event());
            }
            batches.add(batch);
        }
        return batches;
    }

    interface Codec {
        List<PackedRecord> pack(List<JsonNode> batch);
    }

    record Sizes(double bytesPerEvent, double eventsPerRecord, double putUnitsPer1000) {
    }

    private static Sizes measure(List<List<JsonNode>> batches, Codec codec) {
        long bytes = 0;
        long records = 0;
        long events = 0;
        long units = 0;
        for (List<JsonNode> batch : batches) {
            for (PackedRecord record : codec.pack(batch)) {
                bytes += record.billedBytes();
                records++;
                events += record.eventCount();
                units += (record.billedBytes() + RecordLimits.PUT_PAYLOAD_UNIT_BYTES - 1) / RecordLimits.PUT_PAYLOAD_UNIT_BYTES;
            }
        }
        return new Sizes((double) bytes / events, (double) events / records, 1000.0 * units / events);
    }

    private static Map<String, Codec> codecs(byte[] dictionary) {
        Map<String, Codec> codecs = new LinkedHashMap<>();
        RecordPacker gzip9 = new RecordPacker(new BatchCodec(Deflater.BEST_COMPRESSION), RecordLimits.KINESIS, MAPPER);
        RecordPacker gzip6 = new RecordPacker(new BatchCodec(Deflater.DEFAULT_COMPRESSION), RecordLimits.KINESIS, MAPPER);
        codecs.put("gzip -9 (shipped)", batch -> gzip9.pack(batch, e -> e.get("player_id").asText()));
        codecs.put("gzip -6", batch -> gzip6.pack(batch, e -> e.get("player_id").asText()));
        codecs.put("zstd -3", batch -> zstd(batch, 3, null));
        codecs.put("zstd -19", batch -> zstd(batch, 19, null));
        codecs.put("zstd -3 + 16K dict", batch -> zstd(batch, 3, dictionary));
        codecs.put("zstd -19 + 16K dict", batch -> zstd(batch, 19, dictionary));
        return codecs;
    }

    /** One record per batch (they all fit in a unit here) with the same 18-byte header budget as gzip. */
    private static List<PackedRecord> zstd(List<JsonNode> batch, int level, byte[] dictionary) {
        byte[] ndjson = ndjson(batch);
        byte[] compressed = dictionary == null ? Zstd.compress(ndjson, level) : Zstd.compressUsingDict(ndjson, dictionary, level);
        String key = batch.get(0).get("player_id").asText();
        return List.of(new PackedRecord(key, new byte[compressed.length + 6], batch.size()));
    }

    private static byte[] trainDictionary() {
        ZstdDictTrainer trainer = new ZstdDictTrainer(4 * 1024 * 1024, 16 * 1024);
        for (List<JsonNode> batch : canonicalBatches(50, 7)) {
            trainer.addSample(ndjson(batch));
        }
        return trainer.trainSamples();
    }

    private static byte[] ndjson(List<JsonNode> batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (JsonNode e : batch) {
            byte[] line = e.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.write(line, 0, line.length);
            out.write('\n');
        }
        return out.toByteArray();
    }
}
