package io.playerlens.local.metrics;

import io.playerlens.contracts.metrics.MetricNames;
import io.playerlens.ingest.IngestMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Ingest metrics kept in memory for the local runner, under the names CloudWatch gets on AWS. */
public final class LocalIngestMetrics implements IngestMetrics {
    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder throttled = new LongAdder();
    private final LongAdder recordsPut = new LongAdder();
    private final LongAdder recordBytes = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder streamUnavailable = new LongAdder();
    private final AtomicLong lastLatencyMicros = new AtomicLong();
    private final LatencyWindow latencies = new LatencyWindow(20_000);

    @Override
    public void eventsAccepted(int count) {
        accepted.add(count);
    }

    @Override
    public void eventsRejected(int count) {
        rejected.add(count);
    }

    @Override
    public void eventsThrottled(int count) {
        throttled.add(count);
    }

    /** Events refused with 429 because their game was over its ingest limit. */
    public long eventsThrottled() {
        return throttled.sum();
    }

    @Override
    public void requestRefused(int status) {
        refused.increment();
    }

    @Override
    public void recordsPut(int records, long bytes) {
        recordsPut.add(records);
        recordBytes.add(bytes);
    }

    @Override
    public void putRetries(int records) {
        retries.add(records);
    }

    @Override
    public void streamUnavailable() {
        streamUnavailable.increment();
    }

    @Override
    public void requestLatency(double millis) {
        lastLatencyMicros.set((long) (millis * 1000));
        latencies.add(millis);
    }

    /** Handler latencies since the last call (the dashboard's sampler drains them once a second). */
    public LatencyWindow.Drained drainLatencies() {
        return latencies.drain();
    }

    public Map<String, Number> snapshot() {
        Map<String, Number> values = new LinkedHashMap<>();
        values.put(MetricNames.EVENTS_ACCEPTED, accepted.sum());
        values.put(MetricNames.EVENTS_REJECTED, rejected.sum());
        values.put(MetricNames.REQUESTS_REFUSED, refused.sum());
        values.put(MetricNames.RECORDS_PUT, recordsPut.sum());
        values.put(MetricNames.RECORD_BYTES, recordBytes.sum());
        values.put(MetricNames.PUT_RETRIES, retries.sum());
        values.put(MetricNames.STREAM_UNAVAILABLE, streamUnavailable.sum());
        values.put(MetricNames.INGEST_LATENCY_MS, lastLatencyMicros.get() / 1000.0);
        return values;
    }
}
