package io.playerlens.bench.stack;

import io.playerlens.contracts.offers.ScoredOffer;
import io.playerlens.local.platform.LocalPlatform;
import io.playerlens.models.runtime.FeatureVectors;
import io.playerlens.models.runtime.LoadedModel;
import io.playerlens.models.runtime.ModelInput;
import io.playerlens.models.runtime.ModelService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Offers figures: each model's inference in process (the feature vector and the model, no I/O), and
 * {@code GET /offers} over HTTP on the local gateway at a fixed request rate, per model.
 */
public final class OffersBench {
    /** What one run measured. */
    public record Result(Map<String, Percentiles> inferenceMicros, Map<String, Percentiles> httpMillis, Map<String, Long> loadMillis,
                         double requestsPerSecond, long fallbacks, long requests) {
    }

    private final LocalPlatform platform;

    public OffersBench(LocalPlatform platform) {
        this.platform = platform;
    }

    public Result run(List<String> players, double requestsPerSecond, Duration duration) throws Exception {
        Map<String, Percentiles> inference = new TreeMap<>();
        Map<String, Long> load = new TreeMap<>();
        Map<String, Object> profile = Map.of("events_total", 420L, "sessions_total", 35L, "purchases_total", 2L,
                "spend_total_cents", 598L, "coins_balance", 40L, "level_max", 18L);
        for (Map.Entry<String, ModelService> entry : platform.models().services().entrySet()) {
            LoadedModel model = LoadedModel.load(entry.getValue().descriptor().folder());
            load.put(entry.getKey(), model.loadMillis());
            List<Double> micros = new ArrayList<>();
            for (int i = 0; i < 22_000; i++) {
                long started = System.nanoTime();
                List<ScoredOffer> ranked = model.rank(new ModelInput("bench", "store", profile, FeatureVectors.assemble(model.descriptor(), profile),
                        model.descriptor().offers()));
                long elapsed = System.nanoTime() - started;
                if (i >= 2_000 && !ranked.isEmpty()) {
                    micros.add(elapsed / 1e3);
                }
            }
            inference.put(entry.getKey(), Percentiles.of(micros));
        }

        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
        Map<String, List<Double>> latencies = new ConcurrentHashMap<>();
        AtomicLong fallbacks = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long period = Math.max(1, (long) (1_000_000 / requestsPerSecond));
        long end = System.nanoTime() + duration.toNanos();
        ticker.scheduleAtFixedRate(() -> {
            if (System.nanoTime() > end) {
                return;
            }
            String player = players.get((int) (sent.getAndIncrement() % players.size()));
            URI uri = platform.baseUrl().resolve("/v1/players/" + player + "/offers?placement=store");
            long started = System.nanoTime();
            http.sendAsync(HttpRequest.newBuilder(uri).header("x-api-key", platform.options().apiKey()).build(),
                    HttpResponse.BodyHandlers.ofString()).thenAccept(response -> {
                        double millis = (System.nanoTime() - started) / 1e6;
                        String body = response.body();
                        String model = body.replaceAll(".*\"model\":\"([^\"]+)\".*", "$1");
                        latencies.computeIfAbsent(model, m -> new CopyOnWriteArrayList<>()).add(millis);
                        if (body.contains("\"fallback\":true")) {
                            fallbacks.incrementAndGet();
                        }
                    });
        }, 0, period, TimeUnit.MICROSECONDS);
        Thread.sleep(duration.toMillis() + 1000); // the load runs for its fixed duration
        ticker.shutdownNow();
        Map<String, Percentiles> http50 = new TreeMap<>();
        latencies.forEach((model, values) -> http50.put(model, Percentiles.of(values)));
        return new Result(inference, http50, load, sent.get() / (duration.toMillis() / 1000.0), fallbacks.get(), sent.get());
    }
}
