package io.playerlens.bench.stack;

import io.playerlens.contracts.metrics.MetricNames;
import io.playerlens.local.metrics.LiveMetrics;
import io.playerlens.local.platform.LocalPlatform;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./playerlens bench}: starts a fresh local stack, loads it, and reports event → profile freshness and cost figures. */
@Command(name = "stack", mixinStandardHelpOptions = true,
        description = "Benchmark the local stack: event → profile freshness under load, DynamoDB writes per event, offers, cost.")
public final class StackBench implements Callable<Integer> {

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

    @Option(names = "--price-rate", description = "Events per second to price the monthly cost at (default: --rate).")
    Double priceRate;

    @Option(names = "--price-players", defaultValue = "1000000", description = "Players with a stored profile, for the cost (default: ${DEFAULT-VALUE}).")
    long pricePlayers;

    @Option(names = "--price-models", description = "Model stacks to price (default: the models this checkout serves).")
    Integer priceModels;

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
        try (LocalPlatform platform = LocalPlatform.start(new LocalPlatform.Options(0, io.playerlens.contracts.config.Names.LOCAL_DEV_KEY, shards, out.resolve("stack"),
                parallelism, settings, source, sink, LocalPlatform.defaultModelsDir()))) {
            System.out.printf("Load: %.0f events/s in batches of %d, each player every %d s; %d s warm-up, %d s measured; %.0f probes/s%n",
                    rate, batch, sendInterval, warmup, duration, probes);
            FreshnessBench.Result result = new FreshnessBench(platform).run(rate, batch, Duration.ofSeconds(sendInterval),
                    Duration.ofSeconds(warmup), Duration.ofSeconds(duration), probes);
            print(result);
            List<LiveMetrics.Point> timeline = platform.liveMetrics().since(result.measuredFrom()).stream()
                    .filter(p -> p.t() <= result.measuredTo() + 1000).toList();
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("rate", rate);
            run.put("batch", batch);
            run.put("send_interval_s", sendInterval);
            run.put("warmup_s", warmup);
            run.put("duration_s", duration);
            run.put("probes_per_second", probes);
            run.put("shards", shards);
            run.put("parallelism", parallelism);
            run.put("poll_interval_ms", pollIntervalMs);
            run.put("sink_flush_ms", sinkFlushMs);
            run.put("minibatch_ms", miniBatchMs);
            run.put("overrides", overrides);
            BenchReport report = new BenchReport(run).put("generated_at", Instant.now().toString()).put("freshness", result);

            Map<String, Number> counters = platform.ingestMetrics().snapshot();
            long accepted = counters.get(MetricNames.EVENTS_ACCEPTED).longValue();
            Map<String, Object> ingest = BenchReport.ingest(result.sentRate(), accepted, counters.get(MetricNames.RECORDS_PUT).longValue(),
                    counters.get(MetricNames.RECORD_BYTES).longValue(), shards);
            report.put("ingest", ingest);
            Map<String, Object> resources = BenchReport.resources(timeline);
            report.put("resources", resources);
            System.out.printf("Ingest: %.0f events/s sustained, %.1f B/event compressed, %.1f events/record, %.0f events/s per shard"
                            + " (capacity at this packing %,.0f events/s per shard)%n", result.sentRate(), ingest.get("compressed_bytes_per_event"),
                    ingest.get("events_per_record"), ingest.get("events_per_second_per_shard"), ingest.get("shard_capacity_events_per_second"));
            printResources(resources);

            double bytesPerEvent = (double) ingest.get("compressed_bytes_per_event");
            CostModel.Scale scale = new CostModel.Scale(priceRate == null ? rate : priceRate, batch, bytesPerEvent, 376,
                    offersRate * (priceRate == null ? 1 : priceRate / rate), 5000, pricePlayers, pricedModels(platform));
            CostModel costs = CostModel.withListPrices();
            CostModel.Cost packed = costs.monthly(scale, true);
            CostModel.Cost naive = costs.monthly(scale, false);
            System.out.printf("%nModelled monthly AWS cost at %.0f events/s (batches of %d, %.1f B/event measured, %.0f offers/s, %,d players, %d models;"
                    + " list prices in aws-prices.json):%n", scale.eventsPerSecond(), batch, bytesPerEvent, scale.offersRequestsPerSecond(),
                    scale.players(), scale.models());
            System.out.printf("  playerlens: $%,.0f/month, $%.3f per 1M events   %s%n", packed.monthlyTotal(), packed.perMillionEvents(), rounded(packed));
            System.out.printf("  naive (1 uncompressed record and 1 profile write per event): $%,.0f/month, $%.3f per 1M events   %s%n",
                    naive.monthlyTotal(), naive.perMillionEvents(), rounded(naive));
            report.put("cost", Map.of("scale", scale, "playerlens", packed, "naive", naive, "prices_as_of", costs.pricesAsOf()));
            if (offersRate > 0) {
                List<String> players = new ArrayList<>();
                for (int i = 0; i < result.activePlayers(); i++) {
                    players.add(FreshnessBench.LOAD_PLAYER_PREFIX + i);
                }
                System.out.printf("%nOffers: %.0f GET /offers per second for %d s over %d players with profiles...%n", offersRate, duration, players.size());
                OffersBench.Result offers = new OffersBench(platform).run(players, offersRate, Duration.ofSeconds(duration));
                offers.loadMillis().forEach((model, ms) -> System.out.printf("  model %-18s load %4d ms   inference (µs) %s%n", model, ms,
                        offers.inferenceMicros().get(model)));
                offers.httpMillis().forEach((model, p) -> System.out.printf("  GET /offers via %-18s (ms) %s%n", model, p));
                System.out.printf("  %.0f requests/s sent, %d fallbacks of %d%n", offers.requestsPerSecond(), offers.fallbacks(), offers.requests());
                report.put("offers", offers);
            }
            report.put("timeline", timeline);
            Path html = report.write(out);
            System.out.println("Report: " + out.resolve("report.json") + " and " + html);
        }
        return 0;
    }

    /** Models priced: the ones this checkout serves (each is its own stack on AWS), unless --price-models says. */
    private int pricedModels(LocalPlatform platform) {
        return priceModels != null ? priceModels : platform.models().services().size();
    }

    private static void printResources(Map<String, Object> resources) {
        @SuppressWarnings("unchecked")
        Map<String, Double> total = (Map<String, Double>) resources.get("total_cores");
        @SuppressWarnings("unchecked")
        Map<String, Double> jvm = (Map<String, Double>) resources.get("jvm_rss_mib");
        @SuppressWarnings("unchecked")
        Map<String, Double> emulators = (Map<String, Double>) resources.get("emulator_rss_mib");
        System.out.printf("Stack resources: CPU mean %.2f / max %.2f of %s cores; RSS JVM %.0f MiB, emulators %.0f MiB (max)%n",
                total.get("mean"), total.get("max"), resources.get("machine_cores"), jvm.get("max"), emulators.get("max"));
    }

    private static Map<String, Long> rounded(CostModel.Cost cost) {
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
        System.out.println("  stream            " + r.stream() + "   received_at → decoded by the feature job (processed_at)");
        System.out.println("  Flink             " + r.flink() + "   processed_at → profile assembled (updated_at)");
        System.out.println("  write + read      " + r.writeAndRead() + "   updated_at → visible to GetItem");
        System.out.printf("DynamoDB writes per event: %.3f (%d item writes for %d events)%n", r.writesPerEvent(), r.writes(), r.events());
    }
}
