package io.playerlens.local.metrics;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * The local feature job's counters (dead letters, late and duplicate events) for {@code /health} and the dashboard: a
 * Flink metric reporter that the local MiniCluster loads ({@link #configure}), summing each counter name over every
 * operator and subtask. On Managed Flink the same counters go to CloudWatch.
 */
public final class FlinkCounters implements MetricReporter {
    private static final String INSTANCE = "instance";
    private static final Map<String, FlinkCounters> INSTANCES = new ConcurrentHashMap<>();

    private final Map<String, Set<Counter>> byName = new ConcurrentHashMap<>();
    private String instance;

    /** The reporter of one MiniCluster, by the id {@link #configure} gave it (empty until the cluster started it). */
    public static FlinkCounters of(String instance) {
        return INSTANCES.computeIfAbsent(instance, id -> new FlinkCounters());
    }

    /** The reporter properties to put in a MiniCluster's configuration, for the given id. */
    public static Properties configure(String instance) {
        Properties p = new Properties();
        p.setProperty("metrics.reporter.playerlens.factory.class", Factory.class.getName());
        p.setProperty("metrics.reporter.playerlens." + INSTANCE, instance);
        p.setProperty("metrics.reporter.playerlens.interval", "1 s");
        return p;
    }

    /** The sum of every counter of this name (e.g. {@code DeadLetters}); 0 when none is registered. */
    public long sum(String name) {
        Set<Counter> counters = byName.get(name);
        return counters == null ? 0 : counters.stream().mapToLong(Counter::getCount).sum();
    }

    @Override
    public void open(MetricConfig config) {
        instance = config.getString(INSTANCE, "default");
    }

    @Override
    public void close() {
    }

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        if (metric instanceof Counter) {
            byName.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet()).add((Counter) metric);
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        // Kept: a finished subtask's counts still count (a restarted job registers new counters that start at 0).
    }

    /** Loaded by Flink; hands out the instance {@link #of} returns for the configured id. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return FlinkCounters.of(properties.getProperty(INSTANCE, "default"));
        }
    }
}
