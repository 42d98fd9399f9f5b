package io.playerlens.bench.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.profile.ProfileItem;
import io.playerlens.local.metrics.DynamoDbWriteCounter;
import io.playerlens.local.platform.LocalPlatform;
import io.playerlens.simulator.PlayerSimulator;
import io.playerlens.store.ProfileItemCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Event → profile freshness under load, measured as a game would see it: from the POST to the moment GetItem
 * shows the change. Background clients send batches at the target rate; probe clients (players of their own)
 * send a batch and poll DynamoDB until their profile counts it. Stage times come from the item's stamps.
 */
public final class FreshnessBench {
    /** The background clients' player ids: {@code load-0}, {@code load-1}, ... (the offers bench asks for them). */
    public static final String LOAD_PLAYER_PREFIX = "load-";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One probe: total and per-stage milliseconds. */
    record Sample(double total, double ingest, double stream, double flink, double writeAndRead) {
    }

    /** What a run measured. */
    public record Result(double targetRate, double sentRate, int batchSize, int activePlayers, Percentiles freshness, Percentiles ingest,
                         Percentiles stream, Percentiles flink, Percentiles writeAndRead, double writesPerEvent, long events,
                         long writes, long failedPosts, int cores, long measuredFrom, long measuredTo) {
        public ObjectNode toJson() {
            return MAPPER.valueToTree(this);
        }
    }

    private final LocalPlatform platform;
    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();

    public FreshnessBench(LocalPlatform platform) {
        this.platform = platform;
    }

    /**
     * @param sendInterval how often each player's client sends a batch (a game flushes every few seconds); the number
     *     of active players follows from the rate
     */
    public Result run(double eventsPerSecond, int batchSize, Duration sendInterval, Duration warmup, Duration measure,
                      double probesPerSecond) throws Exception {
        AtomicLong sentEvents = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Semaphore inFlight = new Semaphore(512);
        URI events = platform.baseUrl().resolve("/v1/events");
        String key = platform.options().apiKey();
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        // The probes are clients too: the background makes up the rest of the target rate.
        double background = Math.max(0, eventsPerSecond - probesPerSecond * batchSize);
        double batchesPerTick = background / batchSize / 200.0;
        int players = Math.max(1, (int) Math.round(background / batchSize * sendInterval.toMillis() / 1000.0));
        PlayerSimulator loadPlayers = new PlayerSimulator(7, players, LOAD_PLAYER_PREFIX);
        int[] nextPlayer = {0};
        double[] carry = {0};
        load.scheduleAtFixedRate(() -> {
            carry[0] += batchesPerTick;
            while (carry[0] >= 1) {
                carry[0] -= 1;
                if (!inFlight.tryAcquire()) {
                    failed.incrementAndGet();
                    continue;
                }
                // Round robin: each player sends a batch once per send interval, as a client in a session does.
                byte[] body = bytes(loadPlayers.clientBatch(nextPlayer[0]++, System.currentTimeMillis(), batchSize));
                http.sendAsync(post(events, key, body), HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                    inFlight.release();
                    if (e != null || r.statusCode() != 200) {
                        failed.incrementAndGet();
                    } else {
                        sentEvents.addAndGet(batchSize);
                    }
                });
            }
        }, 0, 5, TimeUnit.MILLISECONDS);

        try {
            probeUntil(System.nanoTime() + warmup.toNanos(), probesPerSecond, batchSize, new ArrayList<>(), 1, "warm");
            long eventsBefore = sentEvents.get();
            long writesBefore = DynamoDbWriteCounter.writes();
            long started = System.nanoTime();
            long measuredFrom = System.currentTimeMillis();
            List<Sample> samples = new ArrayList<>();
            probeUntil(started + measure.toNanos(), probesPerSecond, batchSize, samples, 2, "probe");
            double seconds = (System.nanoTime() - started) / 1e9;
            long eventsSent = sentEvents.get() - eventsBefore + (long) samples.size() * batchSize;
            long writes = DynamoDbWriteCounter.writes() - writesBefore;
            return new Result(eventsPerSecond, eventsSent / seconds, batchSize, players,
                    Percentiles.of(samples.stream().map(Sample::total).toList()),
                    Percentiles.of(samples.stream().map(Sample::ingest).toList()),
                    Percentiles.of(samples.stream().map(Sample::stream).toList()),
                    Percentiles.of(samples.stream().map(Sample::flink).toList()),
                    Percentiles.of(samples.stream().map(Sample::writeAndRead).toList()),
                    eventsSent == 0 ? 0 : (double) writes / eventsSent, eventsSent, writes, failed.get(),
                    Runtime.getRuntime().availableProcessors(), measuredFrom, System.currentTimeMillis());
        } finally {
            load.shutdownNow();
        }
    }

    private void probeUntil(long deadline, double perSecond, int batchSize, List<Sample> samples, long seed, String prefix)
            throws Exception {
        URI events = platform.baseUrl().resolve("/v1/events");
        long pause = (long) (1000 / perSecond);
        int probePlayers = 40;
        long[] expected = new long[probePlayers];
        int next = 0;
        String run = Long.toString(System.nanoTime(), 36);
        PlayerSimulator probes = new PlayerSimulator(seed, probePlayers, prefix + "-" + run + "-");
        while (System.nanoTime() < deadline) {
            int p = next++ % probePlayers;
            String player = probes.player(p).playerId();
            long sentAt = System.nanoTime();
            long sentAtMillis = System.currentTimeMillis();
            HttpResponse<Void> response = http.send(post(events, platform.options().apiKey(),
                    bytes(probes.clientBatch(p, sentAtMillis, batchSize))), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                continue;
            }
            expected[p] += batchSize;
            Map<String, AttributeValue> item = awaitCount(player, expected[p], sentAt + Duration.ofSeconds(10).toNanos());
            long seenAt = System.nanoTime();
            double total = (seenAt - sentAt) / 1e6;
            if (item != null) {
                long receivedAt = Long.parseLong(item.get(ProfileItem.RECEIVED_AT).n());
                long updatedAt = Long.parseLong(item.get(ProfileItem.UPDATED_AT).n());
                long processedAt = Long.parseLong(item.get(ProfileItem.PROCESSED_AT).n());
                double ingest = receivedAt - sentAtMillis;
                double stream = processedAt - receivedAt;
                double flink = updatedAt - processedAt;
                samples.add(new Sample(total, ingest, stream, flink, total - ingest - stream - flink));
            } else {
                samples.add(new Sample(total, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
            }
            long sleep = pause - (long) total;
            if (sleep > 0) {
                Thread.sleep(sleep); // pacing of the probe, not a wait for a condition
            }
        }
    }

    private Map<String, AttributeValue> awaitCount(String player, long count, long deadline) throws InterruptedException {
        while (System.nanoTime() < deadline) {
            Map<String, AttributeValue> item = platform.aws().dynamoDb().getItem(b -> b.tableName(LocalPlatform.PROFILES_TABLE)
                    .consistentRead(true).key(ProfileItemCodec.key(player))).item();
            if (item != null && item.containsKey(ProfileItem.FEATURES)
                    && Long.parseLong(item.get(ProfileItem.FEATURES).m().get("events_total").n()) >= count) {
                return item;
            }
            Thread.sleep(2); // the probe's polling interval: its resolution, at a CPU cost the machine can spare
        }
        return null;
    }

    private static byte[] bytes(ObjectNode body) {
        return body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static HttpRequest post(URI uri, String key, byte[] body) {
        return HttpRequest.newBuilder(uri).header("x-api-key", key).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }
}
