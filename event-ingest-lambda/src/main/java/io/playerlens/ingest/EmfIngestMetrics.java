package io.playerlens.ingest;

import static io.playerlens.contracts.metrics.MetricNames.EVENTS_ACCEPTED;
import static io.playerlens.contracts.metrics.MetricNames.EVENTS_REJECTED;
import static io.playerlens.contracts.metrics.MetricNames.EVENTS_THROTTLED;
import static io.playerlens.contracts.metrics.MetricNames.INGEST_LATENCY_MS;
import static io.playerlens.contracts.metrics.MetricNames.NAMESPACE;
import static io.playerlens.contracts.metrics.MetricNames.PUT_RETRIES;
import static io.playerlens.contracts.metrics.MetricNames.RECORDS_PUT;
import static io.playerlens.contracts.metrics.MetricNames.RECORD_BYTES;
import static io.playerlens.contracts.metrics.MetricNames.REQUESTS_REFUSED;
import static io.playerlens.contracts.metrics.MetricNames.STREAM_UNAVAILABLE;

import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsBuilder;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/** Ingest metrics as CloudWatch Embedded Metric Format log lines, through Powertools' functional API. */
public final class EmfIngestMetrics implements IngestMetrics {
    private final Metrics metrics;

    public EmfIngestMetrics(Metrics metrics) {
        this.metrics = metrics;
    }

    public static EmfIngestMetrics create() {
        Metrics metrics = MetricsBuilder.builder().withNamespace(NAMESPACE).withService(io.playerlens.contracts.metrics.MetricNames.SERVICE_INGEST).build();
        metrics.setRaiseOnEmptyMetrics(false);
        return new EmfIngestMetrics(metrics);
    }

    @Override
    public void eventsAccepted(int count) {
        metrics.addMetric(EVENTS_ACCEPTED, count, MetricUnit.COUNT);
    }

    @Override
    public void eventsRejected(int count) {
        metrics.addMetric(EVENTS_REJECTED, count, MetricUnit.COUNT);
    }

    @Override
    public void eventsThrottled(int count) {
        metrics.addMetric(EVENTS_THROTTLED, count, MetricUnit.COUNT);
    }

    @Override
    public void requestRefused(int status) {
        metrics.addMetric(REQUESTS_REFUSED, 1, MetricUnit.COUNT);
        metrics.addMetadata("refused_status", status);
    }

    @Override
    public void recordsPut(int records, long bytes) {
        metrics.addMetric(RECORDS_PUT, records, MetricUnit.COUNT);
        metrics.addMetric(RECORD_BYTES, bytes, MetricUnit.BYTES);
    }

    @Override
    public void putRetries(int records) {
        metrics.addMetric(PUT_RETRIES, records, MetricUnit.COUNT);
    }

    @Override
    public void streamUnavailable() {
        metrics.addMetric(STREAM_UNAVAILABLE, 1, MetricUnit.COUNT);
    }

    @Override
    public void requestLatency(double millis) {
        metrics.addMetric(INGEST_LATENCY_MS, millis, MetricUnit.MILLISECONDS);
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
