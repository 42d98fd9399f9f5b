package io.playerlens.features;

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
 * @param windowedWriteDelay how long a change of windowed features alone waits to join the next write
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
    private final Duration windowedWriteDelay;

    public FeatureJobSettings(Duration maxOutOfOrderness, Duration idleness, Duration dedupeTtl, Duration erasureMemory,
                              Duration stateTtl, Duration miniBatchLatency, Duration checkpointInterval, Duration writeCoalesce,
                              Duration windowedWriteDelay) {
        this.maxOutOfOrderness = maxOutOfOrderness;
        this.idleness = idleness;
        this.dedupeTtl = dedupeTtl;
        this.erasureMemory = erasureMemory;
        this.stateTtl = stateTtl;
        this.miniBatchLatency = miniBatchLatency;
        this.checkpointInterval = checkpointInterval;
        this.writeCoalesce = writeCoalesce;
        this.windowedWriteDelay = windowedWriteDelay;
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

    public Duration windowedWriteDelay() {
        return windowedWriteDelay;
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
        return java.util.Objects.equals(maxOutOfOrderness, that.maxOutOfOrderness) && java.util.Objects.equals(idleness, that.idleness) && java.util.Objects.equals(dedupeTtl, that.dedupeTtl) && java.util.Objects.equals(erasureMemory, that.erasureMemory) && java.util.Objects.equals(stateTtl, that.stateTtl) && java.util.Objects.equals(miniBatchLatency, that.miniBatchLatency) && java.util.Objects.equals(checkpointInterval, that.checkpointInterval) && java.util.Objects.equals(writeCoalesce, that.writeCoalesce) && java.util.Objects.equals(windowedWriteDelay, that.windowedWriteDelay);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(maxOutOfOrderness, idleness, dedupeTtl, erasureMemory, stateTtl, miniBatchLatency, checkpointInterval, writeCoalesce, windowedWriteDelay);
    }

    @Override
    public String toString() {
        return "FeatureJobSettings[" + "maxOutOfOrderness=" + maxOutOfOrderness + ", " + "idleness=" + idleness + ", " + "dedupeTtl=" + dedupeTtl + ", " + "erasureMemory=" + erasureMemory + ", " + "stateTtl=" + stateTtl + ", " + "miniBatchLatency=" + miniBatchLatency + ", " + "checkpointInterval=" + checkpointInterval + ", " + "writeCoalesce=" + writeCoalesce + ", " + "windowedWriteDelay=" + windowedWriteDelay + "]";
    }


    public static final String GROUP = io.playerlens.contracts.config.FeatureJobProperties.JOB_GROUP;

    public static FeatureJobSettings defaults() {
        return from(new Properties());
    }

    public static FeatureJobSettings from(Properties p) {
        return new FeatureJobSettings(
                millis(p, "watermark.max-out-of-orderness.ms", 5_000),
                millis(p, "watermark.idleness.ms", 1_000),
                Duration.ofHours(Long.parseLong(p.getProperty("dedupe.ttl.hours", "168"))),
                Duration.ofDays(Long.parseLong(p.getProperty("erasure.memory.days", "400"))),
                Duration.ofDays(Long.parseLong(p.getProperty("state.ttl.days", "400"))),
                millis(p, "minibatch.latency.ms", 0),
                millis(p, "checkpoint.interval.ms", 10_000),
                millis(p, "profile.write-coalesce.ms", 10),
                millis(p, "profile.windowed-write-delay.ms", 10_000));
    }

    private static Duration millis(Properties p, String key, long defaultMillis) {
        String value = p.getProperty(key);
        try {
            return Duration.ofMillis(value == null ? defaultMillis : Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(GROUP + "." + key + " must be a number of milliseconds, got '" + value + "'", e);
        }
    }
}
