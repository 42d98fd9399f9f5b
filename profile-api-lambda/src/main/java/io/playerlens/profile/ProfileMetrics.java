package io.playerlens.profile;

/** What the profile API counts; EMF on Lambda ({@link EmfProfileMetrics}), in memory locally. */
public interface ProfileMetrics {
    /** A profile was served; {@code freshnessMillis} = its updated_at - received_at. */
    void profileRead(long freshnessMillis);

    /** The stages of the served profile's freshness: stream (received_at → processed_at), Flink (→ updated_at). */
    default void freshnessStages(long streamMillis, long flinkMillis) {
    }

    void profileNotFound();

    /** A served profile held values it could not read (listed in the response's {@code problems}). */
    default void profileItemProblems() {
    }

    void erasureRequested();

    void requestLatency(double millis);

    /** Counts a cold start (once per container; Powertools' {@code ColdStart} metric on Lambda). */
    default void coldStart(com.amazonaws.services.lambda.runtime.Context context) {
    }

    default void flush() {
    }

    ProfileMetrics NONE = new ProfileMetrics() {
        @Override
        public void profileRead(long freshnessMillis) {
        }

        @Override
        public void profileNotFound() {
        }

        @Override
        public void erasureRequested() {
        }

        @Override
        public void requestLatency(double millis) {
        }
    };
}
