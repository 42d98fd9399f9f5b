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

    private final JobClient job;
    private final FlinkCounters counters;

    private LocalFeatureJob(JobClient job, FlinkCounters counters) {
        this.job = job;
        this.counters = counters;
    }

    /** The job's counters, summed over operators (e.g. {@code DeadLetters}). */
    FlinkCounters counters() {
        return counters;
    }

    static JobProperties properties(LocalAws aws, String stream, String table, String deadLetterStream, Path checkpoints) {
        return new JobProperties(FeatureJobProperties.of(stream, deadLetterStream, table)
                .againstEmulators(LocalAws.REGION.id(), aws.kinesisEndpoint().toString(), aws.dynamoDbEndpoint().toString())
                .with(FeatureJobProperties.JOB_GROUP, FeatureJobProperties.CHECKPOINT_DIR, checkpoints.toAbsolutePath().toUri().toString()));
    }

    static LocalFeatureJob start(JobProperties properties, int parallelism) {
        Configuration config = new Configuration();
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
            return new LocalFeatureJob(FeatureJob.start(env, properties), FlinkCounters.of(instance));
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
