package io.playerlens.features;

import java.nio.file.Path;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.environment.CheckpointConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * Entry point: {@code FeatureJob [--properties FILE]}. On Managed Flink the runtime properties come from the
 * service; locally from a dev file of the same shape. {@code main} only declares connectors; the
 * transformation is {@link FeaturePipeline}.
 */
public final class FeatureJob {
    public static final String JOB_NAME = "playerlens-feature-job";

    private FeatureJob() {
    }

    public static void main(String[] args) throws Exception {
        Path file = null;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--properties")) {
                file = Path.of(args[i + 1]);
            }
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        declare(env, JobProperties.load(file));
        env.execute(JOB_NAME);
    }

    /** Adds the whole job (connectors and pipeline) to {@code env}. */
    public static void declare(StreamExecutionEnvironment env, JobProperties properties) {
        FeatureJobSettings settings = FeatureJobSettings.from(properties.group(FeatureJobSettings.GROUP));
        env.enableCheckpointing(settings.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        env.getCheckpointConfig().setExternalizedCheckpointCleanup(CheckpointConfig.ExternalizedCheckpointCleanup.RETAIN_ON_CANCELLATION);
        String checkpointDir = properties.get(FeatureJobSettings.GROUP, io.playerlens.contracts.config.FeatureJobProperties.CHECKPOINT_DIR);
        if (checkpointDir != null && !checkpointDir.isBlank()) {
            // Managed Flink chooses its own checkpoint storage; locally the dev file names a folder.
            env.getCheckpointConfig().setCheckpointStorage(checkpointDir);
        }
        // Latency over throughput: ship network buffers at once instead of waiting for them to fill.
        env.setBufferTimeout(0);
        env.getConfig().disableGenericTypes();
        StreamTableEnvironment tableEnv = StreamTableEnvironment.create(env);
        FeaturePipeline.build(tableEnv, Connectors.eventsSource(env, properties), Connectors.profileSink(properties, settings),
                Connectors.deadLetterSink(properties), settings, FeatureGroup.loadAll());
    }

    /** Starts the job without blocking (the local runner and tests). */
    public static JobClient start(StreamExecutionEnvironment env, JobProperties properties) throws Exception {
        declare(env, properties);
        return env.executeAsync(JOB_NAME);
    }
}
