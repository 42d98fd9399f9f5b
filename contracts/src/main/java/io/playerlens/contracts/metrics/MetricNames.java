package io.playerlens.contracts.metrics;

/** Metric names, the same on CloudWatch (EMF) and locally; the CDK dashboards and alarms use these. */
public final class MetricNames {
    public static final String NAMESPACE = "playerlens";
    /** The dimension every Lambda metric carries: its service (Powertools' default dimension). */
    public static final String DIMENSION_SERVICE = "Service";
    /** The offers metrics' second dimension: the model that answered (or "none"). */
    public static final String DIMENSION_MODEL = "model";
    /** The fallback metric's third dimension: a FallbackReason. */
    public static final String DIMENSION_REASON = "reason";
    /** The dimension Managed Flink gives the feature job's metrics (service metrics and the job's own, application level). */
    public static final String DIMENSION_APPLICATION = "Application";
    /** Where Managed Flink publishes the job's metrics, its custom ones (the {@code kinesisanalytics} group) included. */
    public static final String FLINK_NAMESPACE = "AWS/KinesisAnalytics";

    /** The EMF "Service" dimension of each Lambda. */
    public static final String SERVICE_INGEST = "event-ingest";
    public static final String SERVICE_PROFILE_API = "profile-api";
    public static final String SERVICE_OFFERS_API = "offers-api";

    public static final String EVENTS_ACCEPTED = "EventsAccepted";
    public static final String EVENTS_REJECTED = "EventsRejected";
    /** Events of requests refused with 429 because their game was over its ingest limit (the client retries them). */
    public static final String EVENTS_THROTTLED = "EventsThrottled";
    public static final String REQUESTS_REFUSED = "RequestsRefused";
    public static final String RECORDS_PUT = "RecordsPut";
    public static final String RECORD_BYTES = "RecordBytes";
    public static final String PUT_RETRIES = "PutRecordsRetries";
    public static final String STREAM_UNAVAILABLE = "StreamUnavailable";
    public static final String INGEST_LATENCY_MS = "IngestLatency";

    public static final String PROFILE_READS = "ProfileReads";
    public static final String PROFILE_NOT_FOUND = "ProfileNotFound";
    /** updated_at - received_at of the profile read: event → profile latency of its newest event. */
    public static final String PROFILE_FRESHNESS_MS = "ProfileFreshness";
    /** processed_at - received_at of the profile read: ingest → the feature job decoded the event (Kinesis and polling). */
    public static final String FRESHNESS_STREAM_MS = "FreshnessStream";
    /** updated_at - processed_at of the profile read: the feature job's own share (dedupe, SQL, write coalescing). */
    public static final String FRESHNESS_FLINK_MS = "FreshnessFlink";
    public static final String PROFILE_LATENCY_MS = "ProfileApiLatency";
    public static final String ERASURES_REQUESTED = "ErasuresRequested";
    /** A profile read found values it could not read (reported in the response, never a 500). */
    public static final String PROFILE_ITEM_PROBLEMS = "ProfileItemProblems";

    public static final String OFFERS_SERVED = "OffersServed";
    /** Dimension reason: a FallbackReason. */
    public static final String OFFERS_FALLBACK = "OffersFallback";
    /** A shadow variant's decision, logged and never served (dimensions: service, model; failures also reason). */
    public static final String OFFERS_SHADOWED = "OffersShadowed";
    public static final String OFFERS_SHADOW_FAILED = "OffersShadowFailed";
    /** Dimension model. */
    public static final String OFFERS_LATENCY_MS = "OffersLatency";

    /**
     * The feature job's dead letters: records, events and profile writes it refused and sent to the quarantine stream
     * with their reason (a Flink counter; on Managed Flink in the {@code kinesisanalytics} metric group).
     */
    public static final String DEAD_LETTERS = "DeadLetters";
    /**
     * The feature job's freshness SLO, computed by the writer: the p99 of received_at → DynamoDB acknowledged the
     * item, over the profile writes of one reporting interval of one subtask (a gauge in the kinesisanalytics group).
     */
    public static final String PROFILE_WRITE_FRESHNESS_P99 = "ProfileWriteFreshnessP99";

    private MetricNames() {
    }
}
