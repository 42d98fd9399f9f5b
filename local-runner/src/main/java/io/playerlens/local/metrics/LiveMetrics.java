package io.playerlens.local.metrics;

import io.playerlens.contracts.metrics.MetricNames;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The dashboard's time series: once a second it turns the local metrics (ingest, traced profile writes, offers,
 * CPU and memory) into one {@link Point} and keeps the last {@code retainedSeconds} of them.
 *
 * <p>Freshness here is measured on the server side of every profile write: {@code received_at} → DynamoDB
 * acknowledged the item, split into stream ({@code received_at → processed_at}), Flink ({@code processed_at →
 * updated_at}) and write ({@code updated_at → acknowledged}). The ingest stage is the ingest handler's duration.
 */
public final class LiveMetrics implements ProfileWriteTracer.Listener, AutoCloseable {
    /** Percentiles of one interval; null when it saw nothing. */
    public record Quantiles(long n, Double p50, Double p99) {
        static Quantiles of(LatencyWindow.Drained drained) {
            return new Quantiles(drained.count(), finite(drained.quantile(0.5)), finite(drained.quantile(0.99)));
        }
    }

    /** One model's offers traffic in an interval. */
    public record ModelTraffic(double perSecond, double share, double fallbackRate, Double p50, Double p99) {
    }

    /** One second of the platform. */
    public record Point(long t, double acceptedPerSecond, double rejectedPerSecond, double rejectedRatio,
                        Quantiles freshness, Map<String, Quantiles> stages, double profileWritesPerSecond,
                        double offersPerSecond, double fallbackRate, Map<String, ModelTraffic> models,
                        StackResources.Usage resources, double deadLettersPerSecond, long deadLettersTotal) {
    }

    private final LocalIngestMetrics ingest;
    private final LocalOffersMetrics offers;
    private final int retainedSeconds;
    private final StackResources resources = new StackResources();
    private final LatencyWindow endToEnd = new LatencyWindow(20_000);
    private final LatencyWindow stream = new LatencyWindow(20_000);
    private final LatencyWindow flink = new LatencyWindow(20_000);
    private final LatencyWindow write = new LatencyWindow(20_000);
    private final ArrayDeque<Point> points = new ArrayDeque<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dashboard-sampler");
        t.setDaemon(true);
        return t;
    });
    private long lastSampleNanos = System.nanoTime();
    private long lastAccepted;
    private long lastRejected;
    private long lastWrites = DynamoDbWriteCounter.writes();

    private final java.util.function.LongSupplier deadLetters;
    private long lastDeadLetters;

    /** @param deadLetters the feature job's dead letters so far (records, events and writes it refused) */
    public LiveMetrics(LocalIngestMetrics ingest, LocalOffersMetrics offers, java.util.function.LongSupplier deadLetters, int retainedSeconds) {
        this.ingest = ingest;
        this.offers = offers;
        this.deadLetters = deadLetters;
        this.retainedSeconds = retainedSeconds;
    }

    /** Starts sampling once a second and listening to profile writes. */
    public LiveMetrics start() {
        ProfileWriteTracer.register(this);
        sampler.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
        return this;
    }

    @Override
    public void written(ProfileWriteTracer.Trace trace) {
        endToEnd.add(trace.writtenAt() - trace.receivedAt());
        write.add(trace.writtenAt() - trace.updatedAt());
        if (trace.processedAt() >= 0) {
            stream.add(trace.processedAt() - trace.receivedAt());
            flink.add(trace.updatedAt() - trace.processedAt());
        }
    }

    /** Takes one point now; the sampler calls it every second. */
    synchronized Point sample() {
        long now = System.nanoTime();
        double seconds = Math.max(1e-3, (now - lastSampleNanos) / 1e9);
        lastSampleNanos = now;
        Map<String, Number> counters = ingest.snapshot();
        long accepted = counters.get(MetricNames.EVENTS_ACCEPTED).longValue();
        long rejected = counters.get(MetricNames.EVENTS_REJECTED).longValue();
        long writes = DynamoDbWriteCounter.writes();
        long newAccepted = accepted - lastAccepted;
        long newRejected = rejected - lastRejected;
        long newWrites = writes - lastWrites;
        lastAccepted = accepted;
        lastRejected = rejected;
        lastWrites = writes;

        Map<String, Quantiles> stages = new LinkedHashMap<>();
        stages.put("ingest", Quantiles.of(ingest.drainLatencies()));
        stages.put("stream", Quantiles.of(stream.drain()));
        stages.put("flink", Quantiles.of(flink.drain()));
        stages.put("write", Quantiles.of(write.drain()));

        Map<String, LocalOffersMetrics.ModelInterval> served = offers.drain();
        long requests = served.values().stream().mapToLong(m -> m.latencies().count()).sum();
        long fallbacks = served.values().stream().mapToLong(LocalOffersMetrics.ModelInterval::fallbacks).sum();
        Map<String, ModelTraffic> models = new LinkedHashMap<>();
        served.forEach((model, interval) -> {
            long count = interval.latencies().count();
            models.put(model, new ModelTraffic(count / seconds, requests == 0 ? 0 : (double) count / requests,
                    count == 0 ? 0 : (double) interval.fallbacks() / count,
                    finite(interval.latencies().quantile(0.5)), finite(interval.latencies().quantile(0.99))));
        });

        long dead = deadLetters.getAsLong();
        long newDead = dead - lastDeadLetters;
        lastDeadLetters = dead;
        long total = newAccepted + newRejected;
        Point point = new Point(System.currentTimeMillis(), newAccepted / seconds, newRejected / seconds,
                total == 0 ? 0 : (double) newRejected / total, Quantiles.of(endToEnd.drain()), stages, newWrites / seconds,
                requests / seconds, requests == 0 ? 0 : (double) fallbacks / requests, models, resources.sample(),
                Math.max(0, newDead) / seconds, dead);
        points.addLast(point);
        while (points.size() > retainedSeconds) {
            points.removeFirst();
        }
        return point;
    }

    /** The retained points newer than {@code sinceMillis} (0 for all), oldest first. */
    public synchronized List<Point> since(long sinceMillis) {
        List<Point> newer = new ArrayList<>();
        for (Point point : points) {
            if (point.t() > sinceMillis) {
                newer.add(point);
            }
        }
        return newer;
    }

    private static Double finite(double value) {
        return Double.isNaN(value) ? null : value;
    }

    @Override
    public void close() {
        ProfileWriteTracer.unregister(this);
        sampler.shutdownNow();
    }
}
