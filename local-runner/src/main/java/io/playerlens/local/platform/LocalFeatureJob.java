package io.playerlens.local.platform;

import io.playerlens.contracts.config.FeatureJobProperties;
import io.playerlens.emulators.LocalAws;
import io.playerlens.features.FeatureJob;
import io.playerlens.features.JobProperties;
import io.playerlens.local.metrics.FlinkCounters;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feature job in an in-process Flink MiniCluster, configured from the dev properties file (the shape of
 * Managed Flink's runtime properties) with the emulators' endpoints filled in.
 */
final class LocalFeatureJob implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalFeatureJob.class);

    private static final String LOOPBACK = "127.0.0.1";
    /**
     * Locally the job runs Flink's heap backend, whose checkpoint serializes all keyed state, and the dedupe ids grow
     * with the window (2,000 events/s remember 120,000 ids a minute). At Managed Flink's 10 s interval the snapshots
     * went from 3 % to 10 % of the JVM's CPU in eight minutes, and a 30-minute soak's p99 drifted from minute 19 on; once a
     * minute, as Managed Flink's own default, they cost a sixth. A local failure then re-reads up to a minute of
     * records, which the dedupe and the whole-item writes absorb. RocksDB, Managed Flink's backend with incremental
     * checkpoints, was measured here too: 1.6 cores for the JVM against 0.7 at the same load (docs/benchmarks.md).
     */
    static final String LOCAL_CHECKPOINT_INTERVAL_MS = "60000";
    /**
     * The heap backend's dedupe layout: a player's ids in a few flat arrays instead of a map entry (~80 bytes, an object
     * the garbage collector traces, and one more to copy after every checkpoint) per id (docs/features.md).
     */
    static final String LOCAL_DEDUPE_LAYOUT = "compact";

    private final JobClient job;
    private final FlinkCounters counters;
    private final JobProperties properties;
    private final int parallelism;

    private LocalFeatureJob(JobClient job, FlinkCounters counters, JobProperties properties, int parallelism) {
        this.job = job;
        this.counters = counters;
        this.properties = properties;
        this.parallelism = parallelism;
    }

    /** The job's own settings as it runs them ({@code FeatureJob} group: intervals, windows, TTLs), for reports. */
    java.util.SortedMap<String, String> settings() {
        java.util.SortedMap<String, String> settings = new java.util.TreeMap<>();
        properties.group(FeatureJobProperties.JOB_GROUP).forEach((key, value) -> settings.put(key.toString(), value.toString()));
        settings.remove(FeatureJobProperties.CHECKPOINT_DIR);
        return settings;
    }

    /** The job's counters, summed over operators (e.g. {@code DeadLetters}). */
    FlinkCounters counters() {
        return counters;
    }

    static JobProperties properties(LocalAws aws, String stream, String table, String deadLetterStream, Path checkpoints) {
        return new JobProperties(FeatureJobProperties.of(stream, deadLetterStream, table)
                .againstEmulators(LocalAws.REGION.id(), aws.kinesisEndpoint().toString(), aws.dynamoDbEndpoint().toString())
                .with(FeatureJobProperties.JOB_GROUP, FeatureJobProperties.CHECKPOINT_DIR, checkpoints.toAbsolutePath().toUri().toString())
                .with(FeatureJobProperties.JOB_GROUP, FeatureJobProperties.CHECKPOINT_INTERVAL_MS, LOCAL_CHECKPOINT_INTERVAL_MS)
                .with(FeatureJobProperties.JOB_GROUP, FeatureJobProperties.DEDUPE_LAYOUT, LOCAL_DEDUPE_LAYOUT));
    }

    static LocalFeatureJob start(JobProperties properties, int parallelism) {
        return start(properties, parallelism, null);
    }

    /**
     * Kills this job (cancelled, its retained checkpoints kept) and starts it again from its latest completed checkpoint,
     * as Managed Flink restores an application after a failure: the shard positions, the dedupe ids, the aggregates and
     * the assembler come back as they were at that checkpoint, and the records after it are read again.
     *
     * @throws IllegalStateException when the job has completed no checkpoint yet
     */
    LocalFeatureJob killAndRestoreFromLatestCheckpoint() throws Exception {
        Path checkpoints = Path.of(java.net.URI.create(properties.get(FeatureJobProperties.JOB_GROUP, FeatureJobProperties.CHECKPOINT_DIR)))
                .resolve(job.getJobID().toString());
        if (latestCheckpoint(checkpoints).isEmpty()) {
            throw new IllegalStateException("the feature job has completed no checkpoint in " + checkpoints + " yet");
        }
        job.cancel().get(30, TimeUnit.SECONDS);
        // Terminal only when its result is known (a cancelled job's result is the cancellation): no checkpoint completes after.
        job.getJobExecutionResult().handle((result, cancelled) -> null).get(30, TimeUnit.SECONDS);
        // Chosen after the cancel: until then a newer checkpoint may complete and subsume (delete) the one seen above.
        Path latest = latestCheckpoint(checkpoints).orElseThrow();
        LOG.info("feature job {} killed; restoring from {}", job.getJobID(), latest);
        return start(properties, parallelism, latest);
    }

    private static java.util.Optional<Path> latestCheckpoint(Path checkpoints) throws java.io.IOException {
        if (!java.nio.file.Files.isDirectory(checkpoints)) {
            return java.util.Optional.empty();
        }
        try (java.util.stream.Stream<Path> folders = java.nio.file.Files.list(checkpoints)) {
            return folders.filter(p -> p.getFileName().toString().startsWith("chk-") && java.nio.file.Files.exists(p.resolve("_metadata")))
                    .max(java.util.Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().substring(4))));
        }
    }

    private static LocalFeatureJob start(JobProperties properties, int parallelism, Path restoreFrom) {
        Configuration config = new Configuration();
        if (restoreFrom != null) {
            config.set(org.apache.flink.runtime.jobgraph.SavepointConfigOptions.SAVEPOINT_PATH, restoreFrom.toUri().toString());
        }
        // Everything local listens on loopback only: the REST endpoint, and the blob server and data exchange, which
        // otherwise bind every interface.
        config.set(RestOptions.BIND_ADDRESS, LOOPBACK);
        config.set(RestOptions.ADDRESS, LOOPBACK);
        config.set(RestOptions.PORT, 0);
        config.set(JobManagerOptions.BIND_HOST, LOOPBACK);
        config.set(JobManagerOptions.ADDRESS, LOOPBACK);
        config.set(TaskManagerOptions.BIND_HOST, LOOPBACK);
        config.set(TaskManagerOptions.HOST, LOOPBACK);
        String instance = java.util.UUID.randomUUID().toString();
        FlinkCounters.configure(instance).forEach((k, v) -> config.setString(k.toString(), v.toString()));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, config);
        try {
            return new LocalFeatureJob(FeatureJob.start(env, properties), FlinkCounters.of(instance), properties, parallelism);
        } catch (Exception e) {
            throw new IllegalStateException("the feature job did not start: " + e.getMessage(), e);
        }
    }

    String status() {
        try {
            JobStatus status = job.getJobStatus().get(2, TimeUnit.SECONDS);
            return status.name();
        } catch (Exception e) {
            return "UNKNOWN";
        }
    }

    boolean running() {
        return "RUNNING".equals(status());
    }

    @Override
    public void close() {
        try {
            job.cancel().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("the feature job did not cancel cleanly: {}", e.getMessage());
        }
    }
}
