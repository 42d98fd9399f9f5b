package io.playerlens.profile;

import static io.playerlens.contracts.metrics.MetricNames.ERASURES_REQUESTED;
import static io.playerlens.contracts.metrics.MetricNames.FRESHNESS_FLINK_MS;
import static io.playerlens.contracts.metrics.MetricNames.FRESHNESS_STREAM_MS;
import static io.playerlens.contracts.metrics.MetricNames.NAMESPACE;
import static io.playerlens.contracts.metrics.MetricNames.PROFILE_FRESHNESS_MS;
import static io.playerlens.contracts.metrics.MetricNames.PROFILE_LATENCY_MS;
import static io.playerlens.contracts.metrics.MetricNames.PROFILE_NOT_FOUND;
import static io.playerlens.contracts.metrics.MetricNames.PROFILE_READS;

import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsBuilder;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/** Profile API metrics as CloudWatch EMF through Powertools. */
public final class EmfProfileMetrics implements ProfileMetrics {
    private final Metrics metrics;

    public EmfProfileMetrics(Metrics metrics) {
        this.metrics = metrics;
    }

    public static EmfProfileMetrics create() {
        Metrics metrics = MetricsBuilder.builder().withNamespace(NAMESPACE).withService(io.playerlens.contracts.metrics.MetricNames.SERVICE_PROFILE_API).build();
        metrics.setRaiseOnEmptyMetrics(false);
        return new EmfProfileMetrics(metrics);
    }

    @Override
    public void profileRead(long freshnessMillis) {
        metrics.addMetric(PROFILE_READS, 1, MetricUnit.COUNT);
        metrics.addMetric(PROFILE_FRESHNESS_MS, freshnessMillis, MetricUnit.MILLISECONDS);
    }

    @Override
    public void freshnessStages(long streamMillis, long flinkMillis) {
        metrics.addMetric(FRESHNESS_STREAM_MS, streamMillis, MetricUnit.MILLISECONDS);
        metrics.addMetric(FRESHNESS_FLINK_MS, flinkMillis, MetricUnit.MILLISECONDS);
    }

    @Override
    public void profileNotFound() {
        metrics.addMetric(PROFILE_NOT_FOUND, 1, MetricUnit.COUNT);
    }

    @Override
    public void profileItemProblems() {
        metrics.addMetric(io.playerlens.contracts.metrics.MetricNames.PROFILE_ITEM_PROBLEMS, 1, MetricUnit.COUNT);
    }

    @Override
    public void erasureRequested() {
        metrics.addMetric(ERASURES_REQUESTED, 1, MetricUnit.COUNT);
    }

    @Override
    public void requestLatency(double millis) {
        metrics.addMetric(PROFILE_LATENCY_MS, millis, MetricUnit.MILLISECONDS);
    }

    @Override
    public void coldStart(com.amazonaws.services.lambda.runtime.Context context) {
        metrics.captureColdStartMetric(context);
    }

    @Override
    public void flush() {
        metrics.flush();
    }
}
