package io.playerlens.local.metrics;

import io.playerlens.offers.OffersMetrics;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The offers API's metrics kept in memory for the local dashboard, per model, under the names CloudWatch gets. */
public final class LocalOffersMetrics implements OffersMetrics {
    /** One model's requests since the last drain. */
    public record ModelInterval(LatencyWindow.Drained latencies, long fallbacks) {
    }

    private final Map<String, LatencyWindow> latencies = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> fallbacks = new ConcurrentHashMap<>();

    @Override
    public void served(String model, String variant, boolean fallback, String reason, double millis) {
        latencies.computeIfAbsent(model, m -> new LatencyWindow(5_000)).add(millis);
        if (fallback) {
            fallbacks.computeIfAbsent(model, m -> new LongAdder()).increment();
        }
    }

    /** Per model (sorted by name), what was served since the last call. */
    public Map<String, ModelInterval> drain() {
        Map<String, ModelInterval> interval = new TreeMap<>();
        latencies.forEach((model, window) -> {
            LongAdder fallback = fallbacks.get(model);
            interval.put(model, new ModelInterval(window.drain(), fallback == null ? 0 : fallback.sumThenReset()));
        });
        return interval;
    }
}
