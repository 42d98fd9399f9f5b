package io.playerlens.ingest;

/**
 * What ingest counts. On Lambda these go out as CloudWatch EMF ({@link EmfIngestMetrics}); the local runner
 * records them in memory under the same names ({@link io.playerlens.contracts.metrics.MetricNames}).
 */
public interface IngestMetrics {
    void eventsAccepted(int count);

    void eventsRejected(int count);

    /** A whole request refused with this status (4xx, 503). */
    void requestRefused(int status);

    void recordsPut(int records, long bytes);

    void putRetries(int records);

    void streamUnavailable();

    void requestLatency(double millis);

    /** Events of a request refused because its game was over its ingest limit. */
    default void eventsThrottled(int count) {
    }

    /** Counts a cold start (once per container; Powertools' {@code ColdStart} metric on Lambda). */
    default void coldStart(com.amazonaws.services.lambda.runtime.Context context) {
    }

    /** Ends the request: EMF writes its log line here. */
    default void flush() {
    }

    IngestMetrics NONE = new IngestMetrics() {
        @Override
        public void eventsAccepted(int count) {
        }

        @Override
        public void eventsRejected(int count) {
        }

        @Override
        public void requestRefused(int status) {
        }

        @Override
        public void recordsPut(int records, long bytes) {
        }

        @Override
        public void putRetries(int records) {
        }

        @Override
        public void streamUnavailable() {
        }

        @Override
        public void requestLatency(double millis) {
        }
    };
}
