package io.playerlens.bench.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.metrics.MetricNames;
import io.playerlens.local.metrics.DynamoDbWriteCounter;
import io.playerlens.local.platform.LocalPlatform;
import io.playerlens.simulator.PlayerSimulator;
import io.playerlens.simulator.SimulatedPlayer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One traffic shape against a running local stack, measured open-loop as a game sees it.
 *
 * <ul>
 *   <li><b>Load</b>: POSTs on a fixed schedule ({@link OpenLoop}) — client batches (one player, 10–50 events) or relay
 *       batches (a game server's: 50 players × a few events). Nothing waits for the system.</li>
 *   <li><b>Freshness</b>: some players of that very traffic are tracked. For each POST that carries a tracked player,
 *       the profile API ({@code GET /v1/players/{id}/profile}, as the game reads it) is polled from 20 ms after the
 *       POST's scheduled time, every 10 ms (every 5 % of the wait past 200 ms), until {@code events_total} counts
 *       every event sent to that player; the sample is from the POST's <i>scheduled</i> time to that answer. Stages
 *       come from the profile's stamps.</li>
 *   <li><b>Warm-up</b>: both loads ramp up, then hold until the JIT has settled ({@link Warmup}); only then does the
 *       measured period begin, on the same unbroken schedule.</li>
 *   <li><b>Offers under load</b>: {@code GET /offers} on its own schedule during the same load; every status code
 *       and fallback reason counted; a reply that never comes is counted, not dropped.</li>
 * </ul>
 */
public final class ShapeBench {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Polls every 10 ms at first, then every 5 % of the time already waited (see {@link #nextPoll}). */
    private static final Duration POLL = Duration.ofMillis(10);
    /**
     * The first poll of a sample, after the POST's scheduled time: no event has reached a profile sooner than this here
     * (stream, job and write take 15+ ms even at their best), so earlier polls only add the probe's own load to the
     * stack. A sample seen at its first poll is counted ({@code seen_at_first_poll}): many would mean this is too late.
     */
    static final Duration FIRST_POLL = Duration.ofMillis(20);
    private static final double POLL_BACKOFF = 0.05;
    private static final Duration GIVE_UP = Duration.ofSeconds(15);

    /** The measured period (nanoTime), unknown until the warm-up ends: nothing is measured before. */
    private static final class Window {
        private volatile long from = Long.MAX_VALUE;
        private volatile long to = Long.MAX_VALUE;

        void set(long from, long to) {
            this.to = to;
            this.from = from;
        }

        boolean contains(long due) {
            return due >= from && due < to;
        }
    }

    /** The two shapes of traffic a game sends. */
    public enum Shape { CLIENT, RELAY }

    /** One shape's run. */
    public record Settings(Shape shape, double eventsPerSecond, int minBatch, int maxBatch, int relayPlayers, int relayEventsEach,
                           Duration sendInterval, double trackedPostsPerSecond, double offersPerSecond, Duration warmup, Duration maxWarmup,
                           Duration measure) {
    }

    /** What a shape's run measured (ms unless named otherwise). */
    public record Result(String shape, double targetEventsPerSecond, double sentEventsPerSecond, long posts, Map<String, Long> postOutcomes,
                         long players, Percentiles freshness, Percentiles ingest, Percentiles stream, Percentiles flink,
                         Percentiles writeAndRead, Percentiles windowedFreshness, long samplesStarted, long samplesNeverSeen, Map<String, Percentiles> offersMillis,
                         Map<String, Long> offersOutcomes, long offersSent, long offersUnanswered, double writesPerEvent,
                         long events, long writes, double eventsPerRecord, double compressedBytesPerEvent, double eventsPerPost,
                         String aPlayer, List<Percentiles> freshnessPerMinute, long measuredFrom, long measuredTo,
                         double warmupSeconds, double warmupEndJitBusy, Oracle oracle, double probeReadsPerSecond, long seenAtFirstPoll) {
    }

    /**
     * The end-of-run check: every player's {@code events_total} through the profile API against the events the platform
     * acknowledged for it (sent, minus those of POSTs refused): exactly, fewer (lost) or more (counted twice). A POST that
     * never answered (the client gave up) or answered 5xx may or may not have been ingested: its player's count is right
     * anywhere from without its events to with them, and {@code unanswered} says how many players had one.
     */
    public record Oracle(long players, long exact, long fewer, long more, long unanswered, List<String> examples) {
    }

    /**
     * One freshness sample: ms until a lifetime feature ({@code events_total}) counted the POST, per stage, ms until a
     * windowed feature ({@code events_1h}, summed from tiles at the read) did, and how far into the measured period the
     * POST was due (ms).
     */
    private record Sample(double total, double ingest, double stream, double flink, double windowed, long dueOffsetMillis) {
    }

    private final LocalPlatform platform;
    private final ExecutorService io = Executors.newFixedThreadPool(8, daemon("bench-http"));
    private final HttpClient http = HttpClient.newBuilder().executor(io).connectTimeout(Duration.ofSeconds(5)).build();
    /** GET /profile requests of the freshness probes, and samples whose first poll already saw the POST. */
    private final LongAdder probeReads = new LongAdder();
    private final LongAdder seenAtFirstPoll = new LongAdder();
    private final ScheduledExecutorService pollers = Executors.newScheduledThreadPool(2, daemon("bench-poll"));

    public ShapeBench(LocalPlatform platform) {
        this.platform = platform;
    }

    public Result run(Settings s) throws Exception {
        String run = s.shape().name().toLowerCase() + "-" + Long.toString(System.nanoTime(), 36);
        double averageBatch = s.shape() == Shape.CLIENT ? (s.minBatch() + s.maxBatch()) / 2.0 : s.relayPlayers() * (double) s.relayEventsEach();
        double postsPerSecond = s.eventsPerSecond() / averageBatch;
        int players = s.shape() == Shape.CLIENT
                ? Math.max(1, (int) Math.round(postsPerSecond * s.sendInterval().toMillis() / 1000.0))
                : Math.max(s.relayPlayers(), (int) Math.round(postsPerSecond * s.relayPlayers() * s.sendInterval().toMillis() / 1000.0));
        PlayerSimulator simulator = new PlayerSimulator(11, players, "bench-" + run + "-");
        // Track about trackedPostsPerSecond POSTs' players: client shape, a share of the players; relay, a share of each batch.
        double trackedShare = Math.min(1, s.trackedPostsPerSecond() / (s.shape() == Shape.CLIENT ? postsPerSecond : postsPerSecond * s.relayPlayers()));
        int trackEvery = Math.max(1, (int) Math.round(1 / trackedShare));
        long[] sentToPlayer = new long[players];
        java.util.concurrent.atomic.AtomicLongArray lostToPlayer = new java.util.concurrent.atomic.AtomicLongArray(players);
        java.util.concurrent.atomic.AtomicLongArray unansweredToPlayer = new java.util.concurrent.atomic.AtomicLongArray(players);
        Random random = new Random(5);
        long[] nextPlayer = {0};

        long start = System.nanoTime() + Duration.ofMillis(200).toNanos();
        Duration longest = (s.maxWarmup().compareTo(s.warmup()) > 0 ? s.maxWarmup() : s.warmup()).plus(s.measure());
        Window window = new Window(); // set when the warm-up ends (Warmup decides when)
        Queue<Sample> samples = new ConcurrentLinkedQueue<>();
        Map<String, LongAdder> postOutcomes = new ConcurrentHashMap<>();
        LongAdder started = new LongAdder();
        LongAdder neverSeen = new LongAdder();
        AtomicLong inFlight = new AtomicLong();
        LongAdder measuredEvents = new LongAdder();
        long[] writesAt = new long[2];
        Map<String, Number> ingestBefore = new java.util.HashMap<>();

        URI eventsUri = platform.baseUrl().resolve("/v1/events");
        String key = platform.options().apiKey();
        // The warm-up ramps the rate up over its first half (a cold JVM compiles under light load), then holds it.
        OpenLoop load = new OpenLoop("bench-load", postsPerSecond, start, longest, s.warmup().dividedBy(2), due -> {
            long wall = System.currentTimeMillis() - (System.nanoTime() - due) / 1_000_000;
            ObjectNode body;
            List<int[]> carried = new ArrayList<>();
            if (s.shape() == Shape.CLIENT) {
                int p = (int) (nextPlayer[0]++ % players);
                int size = s.minBatch() + random.nextInt(s.maxBatch() - s.minBatch() + 1);
                body = simulator.clientBatch(p, wall, size);
                carried.add(new int[] {p, size});
                sentToPlayer[p] += size;
            } else {
                int first = (int) ((nextPlayer[0] += s.relayPlayers()) - s.relayPlayers()) % players;
                body = simulator.relayBatch(first, s.relayPlayers(), wall, s.relayEventsEach());
                for (int i = 0; i < s.relayPlayers(); i++) {
                    int p = (first + i) % players;
                    carried.add(new int[] {p, s.relayEventsEach()});
                    sentToPlayer[p] += s.relayEventsEach();
                }
            }
            int events = body.get("events").size();
            boolean measured = window.contains(due);
            if (measured) {
                measuredEvents.add(events);
            }
            List<long[]> tracked = new ArrayList<>();
            for (int[] c : carried) {
                if (measured && c[0] % trackEvery == 0) {
                    tracked.add(new long[] {c[0], sentToPlayer[c[0]]});
                }
            }
            inFlight.incrementAndGet();
            http.sendAsync(HttpRequest.newBuilder(eventsUri).header("x-api-key", key).header("content-type", "application/json")
                            .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                        inFlight.decrementAndGet();
                        String outcome = error != null ? "error: " + error.getClass().getSimpleName() : Integer.toString(response.statusCode());
                        if (measured) {
                            postOutcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
                        }
                        if (error == null && response.statusCode() == 200) {
                            for (long[] t : tracked) {
                                started.increment();
                                int p = (int) t[0];
                                poll(simulator.player(p), () -> t[1] - lostToPlayer.get(p), due, wall, window.from, samples, neverSeen);
                            }
                        } else {
                            // Events the platform refused (4xx) are not in the profile: later samples of these players
                            // expect fewer. A POST that never answered, or answered 5xx (ingest's 503 may follow a
                            // partial put, e.g. a put that timed out at the client but was stored), may have been ingested
                            // or not: the polls expect the fewer, the oracle accepts either.
                            carried.forEach(c -> lostToPlayer.addAndGet(c[0], c[1]));
                            if (error != null || response.statusCode() >= 500) {
                                carried.forEach(c -> unansweredToPlayer.addAndGet(c[0], c[1]));
                            }
                            started.add(tracked.size());
                            neverSeen.add(tracked.size());
                        }
                    });
        });

        // Offers run through the warm-up too (the same ramp): every path the measured period takes is compiled first.
        OffersLoad offers = new OffersLoad(simulator, players, window);
        OpenLoop offersLoop = new OpenLoop("bench-offers", s.offersPerSecond(), start, longest, s.warmup().dividedBy(2), offers::send);
        load.start();
        if (s.offersPerSecond() > 0) {
            offersLoop.start();
        }
        Warmup.Outcome warm = new Warmup().await(start, s.warmup(), s.maxWarmup());
        // Measuring starts on the next whole second after the warm-up; both schedules run on unbroken until its end.
        long measureFrom = start + (long) Math.ceil((System.nanoTime() - start) / 1e9) * 1_000_000_000L;
        long measureTo = measureFrom + s.measure().toNanos();
        window.set(measureFrom, measureTo);
        load.endAt(measureTo);
        offersLoop.endAt(measureTo);
        System.out.printf("  warm-up %.0f s (JIT compiling %s of the last %d s, summed over its threads%s); measuring %d s%n",
                warm.length().toMillis() / 1000.0, Double.isNaN(warm.jitBusy()) ? "(not measured)" : String.format("%.0f %%", 100 * warm.jitBusy()),
                Warmup.WINDOW.toSeconds(),
                warm.settled() ? ", settled" : ", not settled: the maximum warm-up ran out", s.measure().toSeconds());
        TimeUnit.NANOSECONDS.sleep(Math.max(0, measureFrom - System.nanoTime()));
        writesAt[0] = DynamoDbWriteCounter.writes();
        long probeReadsFrom = probeReads.sum();
        seenAtFirstPoll.reset();
        ingestBefore.putAll(platform.ingestMetrics().snapshot());
        long wallFrom = System.currentTimeMillis();
        TimeUnit.NANOSECONDS.sleep(Math.max(0, measureTo - System.nanoTime()));
        writesAt[1] = DynamoDbWriteCounter.writes();
        double probeReadsPerSecond = (probeReads.sum() - probeReadsFrom) / (s.measure().toMillis() / 1000.0);
        load.await();
        offersLoop.await();
        Map<String, Number> ingestAfter = platform.ingestMetrics().snapshot();
        long wallTo = System.currentTimeMillis();
        // Every sample ends (seen or given up after GIVE_UP); every offers request answers or is counted unanswered.
        long deadline = System.nanoTime() + GIVE_UP.plusSeconds(5).toNanos();
        while ((started.sum() > samples.size() + neverSeen.sum() || offers.pending() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(50); // waiting for replies already in flight, then counting what never came
        }

        List<Sample> all = new ArrayList<>(samples);
        long accepted = ingestAfter.get(MetricNames.EVENTS_ACCEPTED).longValue() - ingestBefore.getOrDefault(MetricNames.EVENTS_ACCEPTED, 0).longValue();
        long records = ingestAfter.get(MetricNames.RECORDS_PUT).longValue() - ingestBefore.getOrDefault(MetricNames.RECORDS_PUT, 0).longValue();
        long bytes = ingestAfter.get(MetricNames.RECORD_BYTES).longValue() - ingestBefore.getOrDefault(MetricNames.RECORD_BYTES, 0).longValue();
        long writes = writesAt[1] - writesAt[0];
        Map<String, Long> outcomes = new TreeMap<>();
        postOutcomes.forEach((k, v) -> outcomes.put(k, v.sum()));
        return new Result(s.shape().name().toLowerCase(), s.eventsPerSecond(), measuredEvents.sum() / (s.measure().toMillis() / 1000.0),
                outcomes.values().stream().mapToLong(Long::longValue).sum(), outcomes, players,
                Percentiles.of(all.stream().map(Sample::total).toList()), Percentiles.of(all.stream().map(Sample::ingest).toList()),
                Percentiles.of(all.stream().map(Sample::stream).toList()), Percentiles.of(all.stream().map(Sample::flink).toList()),
                Percentiles.of(all.stream().map(x -> x.total() - x.ingest() - x.stream() - x.flink()).toList()),
                Percentiles.of(all.stream().map(Sample::windowed).toList()),
                started.sum(), neverSeen.sum(), offers.millis(), offers.outcomes(), offers.sent(), offers.pending(),
                measuredEvents.sum() == 0 ? 0 : (double) writes / measuredEvents.sum(), measuredEvents.sum(), writes,
                records == 0 ? 0 : (double) accepted / records, accepted == 0 ? 0 : (double) bytes / accepted, averageBatch,
                simulator.player(0).playerId(), perMinute(all), wallFrom, wallTo, warm.length().toMillis() / 1000.0, warm.jitBusy(),
                oracle(simulator, sentToPlayer, lostToPlayer, unansweredToPlayer), probeReadsPerSecond, seenAtFirstPoll.sum());
    }

    /**
     * Waits (up to a minute) for every player's profile to count what was acknowledged, then says who does not. {@code
     * lost}: events of POSTs not answered 200 (refused, or unanswered); {@code unanswered}: the part of those whose POST
     * never answered or answered 5xx, which may be counted or not.
     */
    private Oracle oracle(PlayerSimulator simulator, long[] sent, java.util.concurrent.atomic.AtomicLongArray lost,
                          java.util.concurrent.atomic.AtomicLongArray unanswered) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long[] counted = new long[sent.length];
        long[] before = new long[sent.length];
        boolean[] done = new boolean[sent.length];
        while (true) {
            boolean allDone = true;
            for (int p = 0; p < sent.length; p++) {
                if (done[p]) {
                    continue;
                }
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(platform.baseUrl().resolve("/v1/players/"
                                + simulator.player(p).playerId() + "/profile")).header("x-api-key", platform.options().apiKey())
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                before[p] = counted[p];
                counted[p] = response.statusCode() == 200 ? MAPPER.readTree(response.body()).path("features").path("events_total").asLong() : 0;
                long most = sent[p] - lost.get(p) + unanswered.get(p);
                // Done when all that may arrive has, or (with unanswered POSTs) when the count is in range and has stopped.
                done[p] = counted[p] == most || counted[p] >= most - unanswered.get(p) && counted[p] <= most && counted[p] == before[p];
                allDone &= done[p];
            }
            if (allDone || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(500); // the stream is still draining
        }
        long exact = 0;
        long fewer = 0;
        long more = 0;
        long withUnanswered = 0;
        List<String> examples = new ArrayList<>();
        for (int p = 0; p < sent.length; p++) {
            long least = sent[p] - lost.get(p);
            long most = least + unanswered.get(p);
            if (unanswered.get(p) > 0) {
                withUnanswered++;
            }
            if (counted[p] >= least && counted[p] <= most) {
                exact++;
                continue;
            }
            if (counted[p] < least) {
                fewer++;
            } else {
                more++;
            }
            if (examples.size() < 5) {
                examples.add(simulator.player(p).playerId() + ": " + counted[p] + " counted, "
                        + (least == most ? least + " acknowledged" : least + "-" + most + " acknowledged, or unanswered or 5xx"));
            }
        }
        return new Oracle(sent.length, exact, fewer, more, withUnanswered, examples);
    }

    /** Freshness percentiles per minute of the measured period (by the POSTs' due time): does it hold over a long run? */
    private static List<Percentiles> perMinute(List<Sample> samples) {
        Map<Long, List<Double>> minutes = new TreeMap<>();
        samples.forEach(x -> minutes.computeIfAbsent(x.dueOffsetMillis() / 60_000, m -> new ArrayList<>()).add(x.total()));
        return minutes.values().stream().map(Percentiles::of).toList();
    }

    /** Polls the player's profile through the API until it counts {@code expected} events, then records the sample. */
    private void poll(SimulatedPlayer player, java.util.function.LongSupplier expected, long due, long dueWall, long measureFrom,
                      Queue<Sample> samples, LongAdder neverSeen) {
        URI uri = platform.baseUrl().resolve("/v1/players/" + player.playerId() + "/profile");
        HttpRequest request = HttpRequest.newBuilder(uri).header("x-api-key", platform.options().apiKey()).timeout(Duration.ofSeconds(5)).GET().build();
        Runnable[] attempt = new Runnable[1];
        // [lifetime total, ingest, stream, flink] once events_total counts the POST; the windowed time once events_1h does.
        double[] lifetime = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        double[] windowed = {Double.NaN};
        int[] polls = {0};
        attempt[0] = () -> {
            probeReads.increment();
            polls[0]++;
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).whenComplete((response, error) -> {
                long now = System.nanoTime();
                if (error == null && response.statusCode() == 200) {
                    try {
                        JsonNode profile = MAPPER.readTree(response.body());
                        long wanted = expected.getAsLong();
                        if (Double.isNaN(lifetime[0]) && profile.path("features").path("events_total").asLong() >= wanted) {
                            if (polls[0] == 1) {
                                seenAtFirstPoll.increment();
                            }
                            lifetime[0] = (now - due) / 1e6;
                            lifetime[1] = Instant.parse(profile.path("received_at").asText()).toEpochMilli() - dueWall;
                            lifetime[2] = profile.path("stream_ms").asDouble(Double.NaN);
                            lifetime[3] = profile.path("flink_ms").asDouble(Double.NaN);
                        }
                        // Every event of a bench player is less than an hour old: events_1h must count them all too.
                        if (Double.isNaN(windowed[0]) && profile.path("features").path("events_1h").asLong() >= wanted) {
                            windowed[0] = (now - due) / 1e6;
                        }
                        if (!Double.isNaN(lifetime[0]) && !Double.isNaN(windowed[0])) {
                            samples.add(new Sample(lifetime[0], lifetime[1], lifetime[2], lifetime[3], windowed[0], (due - measureFrom) / 1_000_000));
                            return;
                        }
                    } catch (Exception e) {
                        // an unreadable answer is one more poll
                    }
                }
                if (now - due > GIVE_UP.toNanos()) {
                    if (Double.isNaN(lifetime[0])) {
                        neverSeen.increment();
                    } else {
                        samples.add(new Sample(lifetime[0], lifetime[1], lifetime[2], lifetime[3], Double.NaN, (due - measureFrom) / 1_000_000));
                    }
                    return;
                }
                pollers.schedule(attempt[0], nextPoll(now - due), TimeUnit.NANOSECONDS);
            });
        };
        pollers.schedule(attempt[0], Math.max(0, due + FIRST_POLL.toNanos() - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /**
     * Nanoseconds until the next poll of a sample that has waited {@code waited} ns: 10 ms, or 5 % of the wait once that
     * is longer (past 200 ms). A sample is then at most 10 ms or 5 % late, and a stall no longer multiplies the probe's
     * own load — with a fixed 10 ms poll, 40 samples/s pending for a second are 4,000 GET /profile per second, which
     * on 2 cores takes the capacity the stack needs to recover (the bench was bistable because of it).
     */
    static long nextPoll(long waited) {
        return Math.max(POLL.toNanos(), (long) (waited * POLL_BACKOFF));
    }

    /** GET /offers for the load's players on a schedule; every answer (or its absence) is counted. */
    private final class OffersLoad {
        private final PlayerSimulator simulator;
        private final int players;
        private final Map<String, Queue<Double>> millis = new ConcurrentHashMap<>();
        private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong pending = new AtomicLong();

        private final Window window;
        private final AtomicLong warmupCalls = new AtomicLong();

        OffersLoad(PlayerSimulator simulator, int players, Window window) {
            this.simulator = simulator;
            this.players = players;
            this.window = window;
        }

        void send(long due) {
            if (!window.contains(due)) {
                // Warm-up: the same request, not counted.
                String player = simulator.player((int) (warmupCalls.getAndIncrement() % players)).playerId();
                http.sendAsync(request(player), HttpResponse.BodyHandlers.discarding());
                return;
            }
            String player = simulator.player((int) (sent.getAndIncrement() % players)).playerId();
            pending.incrementAndGet();
            http.sendAsync(request(player), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).whenComplete((response, error) -> {
                        double ms = (System.nanoTime() - due) / 1e6;
                        String model = "(no model)";
                        String outcome;
                        if (error != null) {
                            outcome = "error: " + error.getClass().getSimpleName();
                        } else {
                            outcome = Integer.toString(response.statusCode());
                            try {
                                JsonNode body = MAPPER.readTree(response.body());
                                model = body.path("model").asText(model);
                                if (body.path("fallback").asBoolean(false)) {
                                    outcome += " fallback " + body.path("reason").asText("?");
                                }
                            } catch (Exception e) {
                                outcome += " unreadable body";
                            }
                        }
                        outcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
                        millis.computeIfAbsent(model, m -> new ConcurrentLinkedQueue<>()).add(ms);
                        pending.decrementAndGet();
                    });
        }

        private HttpRequest request(String player) {
            return HttpRequest.newBuilder(platform.baseUrl().resolve("/v1/players/" + player + "/offers?placement=" + StackBench.OFFERS_PLACEMENT))
                    .header("x-api-key", platform.options().apiKey()).timeout(Duration.ofSeconds(10)).GET().build();
        }

        long sent() {
            return sent.get();
        }

        long pending() {
            return pending.get();
        }

        Map<String, Percentiles> millis() {
            Map<String, Percentiles> result = new TreeMap<>();
            millis.forEach((model, values) -> result.put(model, Percentiles.of(new ArrayList<>(values))));
            return result;
        }

        Map<String, Long> outcomes() {
            Map<String, Long> result = new TreeMap<>();
            outcomes.forEach((k, v) -> result.put(k, v.sum()));
            return result;
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    void close() {
        pollers.shutdownNow();
        io.shutdownNow();
    }
}
