package io.playerlens.bench.stack;

import io.playerlens.contracts.config.Names;
import io.playerlens.local.metrics.LiveMetrics;
import io.playerlens.local.platform.LocalPlatform;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./playerlens bench}: a fresh local stack, loaded open-loop with both traffic shapes in one run (client
 * batches, then a game server's relay batches), freshness measured through the profile API and offers under that
 * load; then the stack's resources and the modelled AWS cost at the measured figures.
 */
@Command(name = "stack", mixinStandardHelpOptions = true,
        description = "Benchmark the local stack, open-loop: event → profile freshness through the profile API and GET /offers under load, "
                + "for client and relay batches; DynamoDB writes per event, bytes per event, resources, cost.")
public final class StackBench implements Callable<Integer> {
    /** The placement every bench asks offers for (the example models' placement). */
    static final String OFFERS_PLACEMENT = "store";


    @Option(names = "--rate", defaultValue = "2000", description = "Events per second in client batches (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--relay-rate", defaultValue = "1000", description = "Events per second in relay batches (default: ${DEFAULT-VALUE}).")
    double relayRate;

    @Option(names = "--shapes", defaultValue = "client,relay", split = ",",
            description = "Traffic shapes, in order: client, relay (default: ${DEFAULT-VALUE}).")
    List<String> shapes;

    @Option(names = "--duration", defaultValue = "60", description = "Measured seconds per shape (default: ${DEFAULT-VALUE}).")
    int duration;

    @Option(names = "--warmup", defaultValue = "60",
            description = "Least warm-up seconds per shape; the rate ramps up over the first half (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--max-warmup", defaultValue = "300",
            description = "Most warm-up seconds per shape: past --warmup it goes on until the JIT has settled, up to this (default: ${DEFAULT-VALUE}).")
    int maxWarmup;

    @Option(names = "--min-batch", defaultValue = "10", description = "Smallest client batch (default: ${DEFAULT-VALUE}).")
    int minBatch;

    @Option(names = "--max-batch", defaultValue = "50", description = "Largest client batch (default: ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(names = "--relay-players", defaultValue = "50", description = "Players per relay batch (default: ${DEFAULT-VALUE}).")
    int relayPlayers;

    @Option(names = "--relay-events", defaultValue = "4", description = "Events per player in a relay batch (default: ${DEFAULT-VALUE}).")
    int relayEvents;

    @Option(names = "--send-interval", defaultValue = "5", description = "Seconds between one player's batches (default: ${DEFAULT-VALUE}).")
    int sendInterval;

    @Option(names = "--tracked", defaultValue = "20",
            description = "Freshness samples per second: POSTs (players, in relay batches) tracked through the profile API (default: ${DEFAULT-VALUE}).")
    double tracked;

    @Option(names = "--offers-rate", defaultValue = "200", description = "GET /offers per second during each shape's load; 0 skips (default: ${DEFAULT-VALUE}).")
    double offersRate;

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
        System.out.printf("Starting a fresh local stack (%d shards, feature job parallelism %d) on %d cores (%s)...%n", shards, parallelism,
                Runtime.getRuntime().availableProcessors(), BenchReport.cpuModel());
        try (LocalPlatform platform = LocalPlatform.start(new LocalPlatform.Options(0, Names.LOCAL_DEV_KEY, shards, out.resolve("stack"),
                parallelism, settings, source, sink, LocalPlatform.defaultModelsDir()))) {
            long began = System.currentTimeMillis();
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("rate", rate);
            run.put("relay_rate", relayRate);
            run.put("shapes", shapes);
            run.put("client_batch", minBatch + "-" + maxBatch);
            run.put("relay_batch", relayPlayers + " players x " + relayEvents);
            run.put("send_interval_s", sendInterval);
            run.put("warmup_s", warmup);
            run.put("max_warmup_s", maxWarmup);
            run.put("duration_s", duration);
            run.put("tracked_per_second", tracked);
            run.put("offers_per_second", offersRate);
            run.put("shards", shards);
            run.put("parallelism", parallelism);
            run.put("poll_interval_ms", pollIntervalMs);
            run.put("sink_flush_ms", sinkFlushMs);
            run.put("minibatch_ms", miniBatchMs);
            run.put("overrides", overrides);
            run.put("feature_job", platform.featureJobSettings());
            run.put("kinesis_retention_minutes", platform.aws().streamRetention().toMinutes());
            BenchReport report = new BenchReport(run).put("generated_at", Instant.now().toString());

            Map<String, ShapeBench.Result> results = new LinkedHashMap<>();
            ShapeBench bench = new ShapeBench(platform);
            for (ShapeBench.Shape shape : shapes.stream().map(name -> ShapeBench.Shape.valueOf(name.trim().toUpperCase())).toList()) {
                boolean client = shape == ShapeBench.Shape.CLIENT;
                System.out.printf("%n%s: %.0f events/s in %s, open loop; %d-%d s warm-up, %d s measured; %.0f tracked/s; %.0f GET /offers/s...%n",
                        client ? "Client batches" : "Relay batches", client ? rate : relayRate,
                        client ? "batches of " + minBatch + "-" + maxBatch + " events of one player"
                                : "batches of " + relayPlayers + " players x " + relayEvents + " events", warmup, Math.max(warmup, maxWarmup), duration,
                        tracked, offersRate);
                ShapeBench.Result result = bench.run(new ShapeBench.Settings(shape, client ? rate : relayRate, minBatch, maxBatch, relayPlayers,
                        relayEvents, Duration.ofSeconds(sendInterval), tracked, offersRate, Duration.ofSeconds(warmup), Duration.ofSeconds(maxWarmup),
                        Duration.ofSeconds(duration)));
                print(result);
                results.put(result.shape(), result);
            }
            bench.close();
            report.put("shapes", results);
            report.put("offers_inference", OffersBench.inference(platform));
            List<LiveMetrics.Point> timeline = platform.liveMetrics().since(began).stream().toList();
            Map<String, Object> resources = BenchReport.resources(timeline);
            report.put("resources", resources);
            printResources(resources);
            if (duration >= 120) {
                List<Map<String, Object>> perMinute = resourcesPerMinute(timeline);
                report.put("resources_per_minute", perMinute);
                perMinute.forEach(m -> System.out.printf("    minute %-4s CPU %.2f cores (mean), stolen %.2f, JVM RSS %.0f MiB, heap %.0f MiB, emulators RSS %.0f MiB (max)%n",
                        m.get("minute"), m.get("cpu_cores_mean"), m.get("stolen_cores_mean"), m.get("jvm_rss_mib_max"), m.get("heap_used_mib_max"),
                        m.get("emulator_rss_mib_max")));
            }

            ShapeBench.Result priced = results.getOrDefault("client", results.values().iterator().next());
            System.out.println();
            System.out.println("Log bytes per invocation:");
            Map<String, Double> logBytes = LogBytes.measure(platform, sampleClientBatch(), priced.aPlayer());
            report.put("log_bytes_per_invocation", logBytes);
            double pricedRate = priceRate == null ? rate : priceRate;
            CostModel.Measured measured = new CostModel.Measured(pricedRate, priced.eventsPerPost(), priced.compressedBytesPerEvent(),
                    priced.eventsPerRecord(), streamFormBytesPerEvent(), priced.writesPerEvent(), offersRate * pricedRate / rate,
                    logBytes.getOrDefault("ingest", 0.0), logBytes.getOrDefault("offers", 0.0), decisionBytes());
            CostModel.Assumptions assumptions = CostModel.Assumptions.defaults(pricePlayers, pricedModels(platform))
                    .withShadows(shadows(platform));
            CostModel costs = CostModel.withListPrices();
            CostModel.Cost cost = costs.monthly(measured, assumptions, false);
            CostModel.Cost naive = costs.monthly(measured, assumptions, true);
            printCost(measured, assumptions, cost, naive, costs.pricesAsOf());
            report.put("cost", Map.of("measured", measured, "assumptions", assumptions, "playerlens", cost, "naive", naive,
                    "prices_as_of", costs.pricesAsOf()));
            report.put("timeline", timeline);
            Path html = report.write(out);
            System.out.println("Report: " + out.resolve("report.json") + " and " + html);
        }
        return 0;
    }

    /** Shadow variants of the placement the bench asks for offers: each is one more model call per request on AWS. */
    private static int shadows(LocalPlatform platform) {
        return io.playerlens.contracts.offers.Placements.readDeclared(platform.options().modelsDir()).get(OFFERS_PLACEMENT)
                .map(p -> p.shadows().size()).orElse(0);
    }

    /** Models priced: the ones this checkout serves (each is its own stack on AWS), unless --price-models says. */
    private int pricedModels(LocalPlatform platform) {
        return priceModels != null ? priceModels : platform.models().services().size();
    }

    private static void print(ShapeBench.Result r) {
        System.out.printf("  sent %.0f events/s in %d POSTs over %d players; POST outcomes %s%n", r.sentEventsPerSecond(), r.posts(), r.players(),
                r.postOutcomes());
        System.out.println("  Event → profile freshness through GET /profile, ms from the POST's scheduled time:");
        System.out.println("    end to end      " + r.freshness() + "   " + r.samplesNeverSeen() + " of " + r.samplesStarted() + " never seen");
        System.out.println("    ingest          " + r.ingest() + "   scheduled POST → received_at stamp");
        System.out.println("    stream          " + r.stream() + "   received_at → decoded by the feature job");
        System.out.println("    Flink           " + r.flink() + "   decoded → profile assembled");
        System.out.println("    write + read    " + r.writeAndRead() + "   assembled → the profile API shows it");
        System.out.println("    windowed        " + r.windowedFreshness() + "   end to end for events_1h (tiles summed at the read)");
        System.out.printf("    the probes' own load: %.0f GET /profile/s; %d of %d samples seen at their first poll (%d ms after due)%n",
                r.probeReadsPerSecond(), r.seenAtFirstPoll(), r.freshness().count(), ShapeBench.FIRST_POLL.toMillis());
        if (r.freshnessPerMinute().size() > 1) {
            for (int minute = 0; minute < r.freshnessPerMinute().size(); minute++) {
                System.out.printf("    minute %-4d    %s%n", minute + 1, r.freshnessPerMinute().get(minute));
            }
        }
        System.out.printf("  DynamoDB writes per event %.3f (%d for %d events); %.1f events/record, %.1f B/event compressed%n", r.writesPerEvent(),
                r.writes(), r.events(), r.eventsPerRecord(), r.compressedBytesPerEvent());
        r.offersMillis().forEach((model, p) -> System.out.printf("  GET /offers via %-18s (ms) %s%n", model, p));
        System.out.printf("  GET /offers: %d sent, outcomes %s, %d unanswered%n", r.offersSent(), r.offersOutcomes(), r.offersUnanswered());
        System.out.printf("  oracle: %d of %d players' events_total exactly as acknowledged (%d fewer, %d more%s)%s%n", r.oracle().exact(),
                r.oracle().players(), r.oracle().fewer(), r.oracle().more(), r.oracle().unanswered() == 0 ? ""
                        : "; " + r.oracle().unanswered() + " had a POST that never answered or answered 5xx, right with or without its events",
                r.oracle().examples().isEmpty() ? "" : " e.g. " + r.oracle().examples());
    }

    /** The stack's resources per minute of the run: does memory or CPU creep over a long run? */
    static List<Map<String, Object>> resourcesPerMinute(List<LiveMetrics.Point> timeline) {
        Map<Long, List<LiveMetrics.Point>> minutes = new java.util.TreeMap<>();
        if (timeline.isEmpty()) {
            return List.of();
        }
        long first = timeline.get(0).t();
        timeline.stream().filter(p -> p.resources() != null).forEach(p -> minutes.computeIfAbsent((p.t() - first) / 60_000, m -> new ArrayList<>()).add(p));
        List<Map<String, Object>> out = new ArrayList<>();
        minutes.forEach((minute, points) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("minute", minute + 1);
            m.put("cpu_cores_mean", points.stream().mapToDouble(p -> p.resources().totalCores()).average().orElse(0));
            m.put("stolen_cores_mean", points.stream().mapToDouble(p -> p.resources().stolenCores()).average().orElse(0));
            m.put("jvm_rss_mib_max", points.stream().mapToDouble(p -> p.resources().jvmRssMib()).max().orElse(0));
            m.put("heap_used_mib_max", points.stream().mapToDouble(p -> p.resources().heapUsedMib()).max().orElse(0));
            m.put("emulator_rss_mib_max", points.stream().mapToDouble(p -> p.resources().emulatorRssMib()).max().orElse(0));
            out.add(m);
        });
        return out;
    }

    private static void printResources(Map<String, Object> resources) {
        @SuppressWarnings("unchecked")
        Map<String, Double> total = (Map<String, Double>) resources.get("total_cores");
        @SuppressWarnings("unchecked")
        Map<String, Double> jvm = (Map<String, Double>) resources.get("jvm_rss_mib");
        @SuppressWarnings("unchecked")
        Map<String, Double> emulators = (Map<String, Double>) resources.get("emulator_rss_mib");
        @SuppressWarnings("unchecked")
        Map<String, Double> stolen = (Map<String, Double>) resources.get("stolen_cores");
        @SuppressWarnings("unchecked")
        Map<String, Double> other = (Map<String, Double>) resources.get("other_process_cores");
        System.out.printf("%nStack resources over the run: CPU mean %.2f / max %.2f of %s cores; RSS JVM %.0f MiB, emulators %.0f MiB (max)%n",
                total.get("mean"), total.get("max"), resources.get("machine_cores"), jvm.get("max"), emulators.get("max"));
        System.out.printf("Not available to the stack: stolen by the hypervisor mean %.2f / max %.2f cores, other processes mean %.2f / max %.2f cores%n",
                stolen.get("mean"), stolen.get("max"), other.get("mean"), other.get("max"));
    }

    private static Map<String, Long> rounded(Map<String, Double> dollars) {
        Map<String, Long> rounded = new LinkedHashMap<>();
        dollars.forEach((k, v) -> rounded.put(k, Math.round(v)));
        return rounded;
    }

    private static void printCost(CostModel.Measured m, CostModel.Assumptions a, CostModel.Cost cost, CostModel.Cost naive, String asOf) {
        System.out.printf("%nModelled monthly AWS cost (list prices %s, aws-prices.json) at %.0f events/s and %.0f offers/s:%n", asOf,
                m.eventsPerSecond(), m.offersPerSecond());
        System.out.printf("  measured: %.1f events/request, %.1f events/record, %.1f B/event compressed (%.0f as JSON), %.3f profile writes/event,"
                        + " logs %.0f B/ingest and %.0f B/offers invocation, decision %.0f B%n", m.eventsPerRequest(), m.eventsPerRecord(),
                m.compressedBytesPerEvent(), m.jsonBytesPerEvent(), m.writesPerEvent(), m.ingestLogBytesPerRequest(), m.offersLogBytesPerRequest(),
                m.decisionBytes());
        System.out.println("  assumed:  " + a);
        System.out.printf("  event path   playerlens $%,8.0f/month = $%.3f per 1M events   %s%n", cost.events().monthlyTotal(),
                cost.events().perMillion(), rounded(cost.events().monthly()));
        System.out.printf("               naive      $%,8.0f/month = $%.3f per 1M events   %s%n", naive.events().monthlyTotal(),
                naive.events().perMillion(), rounded(naive.events().monthly()));
        System.out.printf("  offers path  playerlens $%,8.0f/month = $%.3f per 1M offers   %s%n", cost.offers().monthlyTotal(),
                cost.offers().perMillion(), rounded(cost.offers().monthly()));
        System.out.printf("               naive      $%,8.0f/month = $%.3f per 1M offers   %s%n", naive.offers().monthlyTotal(),
                naive.offers().perMillion(), rounded(naive.offers().monthly()));
        System.out.printf("  fixed        $%,8.0f/month   %s%n", cost.fixed().values().stream().mapToDouble(Double::doubleValue).sum(), rounded(cost.fixed()));
        System.out.printf("  total        playerlens $%,.0f/month, naive $%,.0f/month%n", cost.monthlyTotal(), naive.monthlyTotal());
    }

    /** A client batch of 30 events, as the ingest Lambda's log probe sends it. */
    private static String sampleClientBatch() {
        return new io.playerlens.simulator.PlayerSimulator(3, 1, "log-probe-").clientBatch(0, System.currentTimeMillis(), 30).toString();
    }

    /** Bytes of an event in its stream form (validated, stamped), the naive design's record size. */
    private static double streamFormBytesPerEvent() {
        io.playerlens.simulator.PlayerSimulator simulator = new io.playerlens.simulator.PlayerSimulator(3, 100, "p-");
        io.playerlens.contracts.event.EventValidator validator = new io.playerlens.contracts.event.EventValidator(
                io.playerlens.contracts.event.EventCatalog.defaultCatalog(), io.playerlens.contracts.event.EventTimePolicy.defaults());
        long now = System.currentTimeMillis();
        long bytes = 0;
        long events = 0;
        for (int i = 0; i < 200; i++) {
            for (com.fasterxml.jackson.databind.JsonNode raw : simulator.clientBatch(i, now, 30).get("events")) {
                var result = validator.validate(raw, raw.toString().length(), Names.LOCAL_GAME_ID, now);
                if (result instanceof io.playerlens.contracts.event.ValidationResult.Accepted accepted) {
                    bytes += accepted.event().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                    events++;
                }
            }
        }
        return (double) bytes / events;
    }

    /** A decision line with three offers, as the offers API prints it. */
    private static double decisionBytes() {
        var offers = List.of(new io.playerlens.contracts.offers.ScoredOffer(new io.playerlens.contracts.offers.Offer("vip_bundle", "vip_month", 1999), 0.93),
                new io.playerlens.contracts.offers.ScoredOffer(new io.playerlens.contracts.offers.Offer("coin_pack", "coins_1000", 199), 0.05),
                new io.playerlens.contracts.offers.ScoredOffer(new io.playerlens.contracts.offers.Offer("gems_500", "gems_500", 499), 0.01));
        return io.playerlens.contracts.event.ServerEvents.offerServed(Names.LOCAL_GAME_ID, "p-000123", OFFERS_PLACEMENT, "store-logreg", "1", "B", offers,
                false, null, System.currentTimeMillis()).toString().length() + 1;
    }
}
