package io.playerlens.local.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.playerlens.local.bench.FreshnessBench;
import io.playerlens.local.platform.LocalPlatform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./playerlens bench}: starts a fresh local stack, loads it, and reports event → profile freshness and cost figures. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark the local stack: event → profile freshness under load, DynamoDB writes per event.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--rate", defaultValue = "2000", description = "Background events per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", defaultValue = "30", description = "Measured seconds (default: ${DEFAULT-VALUE}).")
    int duration;

    @Option(names = "--warmup", defaultValue = "10", description = "Warm-up seconds (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--batch", defaultValue = "10", description = "Events per client POST (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--send-interval", defaultValue = "5", description = "Seconds between one player's batches (default: ${DEFAULT-VALUE}).")
    int sendInterval;

    @Option(names = "--probes", defaultValue = "5", description = "Freshness probes per second (default: ${DEFAULT-VALUE}).")
    double probes;

    @Option(names = "--shards", defaultValue = "2", description = "Shards of the events stream (default: ${DEFAULT-VALUE}).")
    int shards;

    @Option(names = "--parallelism", defaultValue = "2", description = "Feature job parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--poll-interval-ms", defaultValue = "10", description = "Kinesis GetRecords interval per shard (default: ${DEFAULT-VALUE}).")
    int pollIntervalMs;

    @Option(names = "--sink-flush-ms", defaultValue = "5", description = "DynamoDB sink buffer timeout (default: ${DEFAULT-VALUE}).")
    int sinkFlushMs;

    @Option(names = "--minibatch-ms", defaultValue = "0", description = "Aggregate mini-batch latency (default: ${DEFAULT-VALUE}).")
    int miniBatchMs;

    @Option(names = "--offers-rate", defaultValue = "200", description = "GET /offers requests per second after the freshness run; 0 skips (default: ${DEFAULT-VALUE}).")
    double offersRate;

    @Option(names = {"-S", "--set"}, description = "Any feature job property, GROUP.key=value, e.g. -S FeatureJob.checkpoint.interval.ms=60000")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--out", defaultValue = "target/bench", description = "Report folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Map<String, String> settings = new LinkedHashMap<>(Map.of("minibatch.latency.ms", Integer.toString(miniBatchMs)));
        Map<String, String> source = new LinkedHashMap<>(Map.of("flink.shard.getrecords.intervalmillis", Integer.toString(pollIntervalMs)));
        Map<String, String> sink = new LinkedHashMap<>(Map.of("flush.timeout.ms", Integer.toString(sinkFlushMs)));
        overrides.forEach((key, value) -> {
            int dot = key.indexOf('.');
            String group = key.substring(0, dot);
            Map<String, String> target = group.equals("EventsSource") ? source : group.equals("ProfileSink") ? sink : settings;
            target.put(key.substring(dot + 1), value);
        });
        System.out.printf("Starting a fresh local stack (%d shards, feature job parallelism %d)...%n", shards, parallelism);
        try (LocalPlatform platform = LocalPlatform.start(new LocalPlatform.Options(0, "dev-key", shards, out.resolve("stack"),
                parallelism, settings, source, sink, LocalPlatform.defaultModelsDir()))) {
            System.out.printf("Load: %.0f events/s in batches of %d, each player every %d s; %d s warm-up, %d s measured; %.0f probes/s%n",
                    rate, batch, sendInterval, warmup, duration, probes);
            FreshnessBench.Result result = new FreshnessBench(platform).run(rate, batch, Duration.ofSeconds(sendInterval),
                    Duration.ofSeconds(warmup), Duration.ofSeconds(duration), probes);
            print(result);
            Files.createDirectories(out);
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("settings", Map.of("poll_interval_ms", pollIntervalMs, "sink_flush_ms", sinkFlushMs, "minibatch_ms", miniBatchMs,
                    "shards", shards, "parallelism", parallelism, "batch", batch, "send_interval_s", sendInterval));
            report.put("overrides", overrides);
            report.put("freshness", result);
            Map<String, Number> ingest = platform.ingestMetrics().snapshot();
            double accepted = ingest.get(io.playerlens.contracts.metrics.MetricNames.EVENTS_ACCEPTED).doubleValue();
            double bytesPerEvent = accepted == 0 ? 0 : ingest.get(io.playerlens.contracts.metrics.MetricNames.RECORD_BYTES).doubleValue() / accepted;
            io.playerlens.local.bench.CostModel.Scale scale = new io.playerlens.local.bench.CostModel.Scale(
                    rate, batch, bytesPerEvent, 376, offersRate, 5000);
            io.playerlens.local.bench.CostModel costs = io.playerlens.local.bench.CostModel.withListPrices();
            io.playerlens.local.bench.CostModel.Cost packed = costs.monthly(scale, true);
            io.playerlens.local.bench.CostModel.Cost naive = costs.monthly(scale, false);
            System.out.printf("%nModelled monthly AWS cost at %.0f events/s (batches of %d, %.1f B/event measured, %.0f offers/s; list prices in aws-prices.json):%n",
                    rate, batch, bytesPerEvent, offersRate);
            System.out.printf("  playerlens: $%,.0f/month, $%.3f per 1M events   %s%n", packed.monthlyTotal(), packed.perMillionEvents(), rounded(packed));
            System.out.printf("  naive (1 uncompressed record and 1 profile write per event): $%,.0f/month, $%.3f per 1M events   %s%n",
                    naive.monthlyTotal(), naive.perMillionEvents(), rounded(naive));
            report.put("cost", Map.of("scale", scale, "playerlens", packed, "naive", naive));
            if (offersRate > 0) {
                java.util.List<String> players = new java.util.ArrayList<>();
                for (int i = 0; i < result.activePlayers(); i++) {
                    players.add("load-" + i);
                }
                System.out.printf("%nOffers: %.0f GET /offers per second for %d s over %d players with profiles...%n", offersRate, duration, players.size());
                io.playerlens.local.bench.OffersBench.Result offers = new io.playerlens.local.bench.OffersBench(platform)
                        .run(players, offersRate, Duration.ofSeconds(duration));
                offers.loadMillis().forEach((model, ms) -> System.out.printf("  model %-18s load %4d ms   inference (µs) %s%n", model, ms,
                        offers.inferenceMicros().get(model)));
                offers.httpMillis().forEach((model, p) -> System.out.printf("  GET /offers via %-18s (ms) %s%n", model, p));
                System.out.printf("  %.0f requests/s sent, %d fallbacks of %d%n", offers.requestsPerSecond(), offers.fallbacks(), offers.requests());
                report.put("offers", offers);
            }
            Path file = out.resolve("freshness-" + (long) rate + "-batch" + batch + ".json");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
            System.out.println("Report: " + file);
        }
        return 0;
    }

    private static Map<String, Long> rounded(io.playerlens.local.bench.CostModel.Cost cost) {
        Map<String, Long> rounded = new LinkedHashMap<>();
        cost.monthlyByComponent().forEach((k, v) -> rounded.put(k, Math.round(v)));
        return rounded;
    }

    private void print(FreshnessBench.Result r) {
        System.out.println();
        System.out.printf("Machine: %d cores. Settings: poll %d ms, sink flush %d ms, mini-batch %d ms, %d shards, parallelism %d%n",
                r.cores(), pollIntervalMs, sinkFlushMs, miniBatchMs, shards, parallelism);
        System.out.printf("Sustained: %.0f events/s (target %.0f) from %d active players, %d failed or shed POSTs%n",
                r.sentRate(), r.targetRate(), r.activePlayers(), r.failedPosts());
        System.out.println("Event → profile freshness, ms (POST sent → GetItem shows it):");
        System.out.println("  end to end        " + r.freshness());
        System.out.println("  ingest            " + r.ingest() + "   POST → received_at stamp");
        System.out.println("  stream + Flink    " + r.streamAndFlink() + "   received_at → profile assembled (updated_at)");
        System.out.println("  write + read      " + r.writeAndRead() + "   updated_at → visible to GetItem");
        System.out.printf("DynamoDB writes per event: %.3f (%d item writes for %d events)%n", r.writesPerEvent(), r.writes(), r.events());
    }
}
