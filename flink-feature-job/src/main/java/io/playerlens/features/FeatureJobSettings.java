package io.playerlens.features;

import io.playerlens.contracts.config.FeatureJobProperties;
import java.time.Duration;
import java.util.Properties;

/**
 * How the job treats time and state; the property group {@code FeatureJob} of the runtime properties.
 *
 * @param maxOutOfOrderness watermark bound: how far behind the newest event an event may arrive and still
 *     count in windowed features
 * @param idleness a source split with no data for this long stops holding the watermark back
 * @param dedupeTtl how long event ids are remembered for deduplication
 * @param erasureMemory how long an erasure keeps refusing events from before it
 * @param stateTtl idle retention of per-player feature state (and the DynamoDB item TTL)
 * @param miniBatchLatency SQL mini-batch latency (0 = off: the assembler coalesces writes instead, at lower latency)
 * @param checkpointInterval how often state is checkpointed
 * @param writeCoalesce changes to one player's profile within this long become one DynamoDB write
 * @param dedupeLayout how the dedupe window's ids are kept in state ({@link DedupeLayout})
 */
public final class FeatureJobSettings {
    private final Duration maxOutOfOrderness;
    private final Duration idleness;
    private final Duration dedupeTtl;
    private final Duration erasureMemory;
    private final Duration stateTtl;
    private final Duration miniBatchLatency;
    private final Duration checkpointInterval;
    private final Duration writeCoalesce;
    private final DedupeLayout dedupeLayout;

    /** Settings with the deployed job's dedupe layout ({@link DedupeLayout#MAP}). */
    public FeatureJobSettings(Duration maxOutOfOrderness, Duration idleness, Duration dedupeTtl, Duration erasureMemory,
                              Duration stateTtl, Duration miniBatchLatency, Duration checkpointInterval, Duration writeCoalesce) {
        this(maxOutOfOrderness, idleness, dedupeTtl, erasureMemory, stateTtl, miniBatchLatency, checkpointInterval, writeCoalesce,
                DedupeLayout.MAP);
    }

    public FeatureJobSettings(Duration maxOutOfOrderness, Duration idleness, Duration dedupeTtl, Duration erasureMemory,
                              Duration stateTtl, Duration miniBatchLatency, Duration checkpointInterval, Duration writeCoalesce,
                              DedupeLayout dedupeLayout) {
        this.maxOutOfOrderness = maxOutOfOrderness;
        this.idleness = idleness;
        this.dedupeTtl = dedupeTtl;
        this.erasureMemory = erasureMemory;
        this.stateTtl = stateTtl;
        this.miniBatchLatency = miniBatchLatency;
        this.checkpointInterval = checkpointInterval;
        this.writeCoalesce = writeCoalesce;
        this.dedupeLayout = dedupeLayout;
    }

    public DedupeLayout dedupeLayout() {
        return dedupeLayout;
    }

    public Duration maxOutOfOrderness() {
        return maxOutOfOrderness;
    }

    public Duration idleness() {
        return idleness;
    }

    public Duration dedupeTtl() {
        return dedupeTtl;
    }

    public Duration erasureMemory() {
        return erasureMemory;
    }

    public Duration stateTtl() {
        return stateTtl;
    }

    public Duration miniBatchLatency() {
        return miniBatchLatency;
    }

    public Duration checkpointInterval() {
        return checkpointInterval;
    }

    public Duration writeCoalesce() {
        return writeCoalesce;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FeatureJobSettings)) {
            return false;
        }
        FeatureJobSettings that = (FeatureJobSettings) o;
        return java.util.Objects.equals(maxOutOfOrderness, that.maxOutOfOrderness) && java.util.Objects.equals(idleness, that.idleness) && java.util.Objects.equals(dedupeTtl, that.dedupeTtl) && java.util.Objects.equals(erasureMemory, that.erasureMemory) && java.util.Objects.equals(stateTtl, that.stateTtl) && java.util.Objects.equals(miniBatchLatency, that.miniBatchLatency) && java.util.Objects.equals(checkpointInterval, that.checkpointInterval) && java.util.Objects.equals(writeCoalesce, that.writeCoalesce) && dedupeLayout == that.dedupeLayout;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(maxOutOfOrderness, idleness, dedupeTtl, erasureMemory, stateTtl, miniBatchLatency, checkpointInterval, writeCoalesce, dedupeLayout);
    }

    @Override
    public String toString() {
        return "FeatureJobSettings[" + "maxOutOfOrderness=" + maxOutOfOrderness + ", " + "idleness=" + idleness + ", " + "dedupeTtl=" + dedupeTtl + ", " + "erasureMemory=" + erasureMemory + ", " + "stateTtl=" + stateTtl + ", " + "miniBatchLatency=" + miniBatchLatency + ", " + "checkpointInterval=" + checkpointInterval + ", " + "writeCoalesce=" + writeCoalesce + ", " + "dedupeLayout=" + dedupeLayout.value() + "]";
    }


    public static final String GROUP = FeatureJobProperties.JOB_GROUP;

    public static FeatureJobSettings defaults() {
        return from(new Properties());
    }

    public static FeatureJobSettings from(Properties p) {
        return new FeatureJobSettings(
                Duration.ofMillis(number(p, FeatureJobProperties.OUT_OF_ORDERNESS_MS)),
                Duration.ofMillis(number(p, FeatureJobProperties.IDLENESS_MS)),
                Duration.ofHours(number(p, FeatureJobProperties.DEDUPE_TTL_HOURS)),
                Duration.ofDays(number(p, FeatureJobProperties.ERASURE_MEMORY_DAYS)),
                Duration.ofDays(number(p, FeatureJobProperties.STATE_TTL_DAYS)),
                Duration.ofMillis(number(p, FeatureJobProperties.MINIBATCH_MS)),
                Duration.ofMillis(number(p, FeatureJobProperties.CHECKPOINT_INTERVAL_MS)),
                Duration.ofMillis(number(p, FeatureJobProperties.WRITE_COALESCE_MS)),
                DedupeLayout.of(p.getProperty(FeatureJobProperties.DEDUPE_LAYOUT,
                        FeatureJobProperties.DEFAULTS.get(GROUP).get(FeatureJobProperties.DEDUPE_LAYOUT))));
    }

    /** The key's value, else its default ({@link FeatureJobProperties#DEFAULTS}). */
    private static long number(Properties p, String key) {
        String value = p.getProperty(key, FeatureJobProperties.DEFAULTS.get(GROUP).get(key));
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException(GROUP + "." + key + " must be a whole number, got '" + value + "'", e);
        }
    }
}
