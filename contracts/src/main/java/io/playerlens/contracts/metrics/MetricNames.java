package io.playerlens.contracts.metrics;

/** Metric names, the same on CloudWatch (EMF) and locally; the CDK dashboards and alarms use these. */
public final class MetricNames {
    public static final String NAMESPACE = "playerlens";

    public static final String EVENTS_ACCEPTED = "EventsAccepted";
    public static final String EVENTS_REJECTED = "EventsRejected";
    public static final String REQUESTS_REFUSED = "RequestsRefused";
    public static final String RECORDS_PUT = "RecordsPut";
    public static final String RECORD_BYTES = "RecordBytes";
    public static final String PUT_RETRIES = "PutRecordsRetries";
    public static final String STREAM_UNAVAILABLE = "StreamUnavailable";
    public static final String INGEST_LATENCY_MS = "IngestLatency";

    private MetricNames() {
    }
}
