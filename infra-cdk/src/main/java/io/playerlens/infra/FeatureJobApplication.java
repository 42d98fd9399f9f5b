package io.playerlens.infra;

import io.playerlens.contracts.config.FeatureJobProperties;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.dynamodb.ITableV2;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kinesis.IStream;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kinesisanalytics.CfnApplicationCloudWatchLoggingOptionV2;
import software.amazon.awscdk.services.kinesisanalytics.CfnApplicationV2;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.LogStream;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.assets.Asset;
import software.constructs.Construct;

/**
 * The feature job on Amazon Managed Service for Apache Flink (L1: the alpha L2 is not available here): the job jar
 * as an asset, runtime properties in the shape of the local dev file, checkpointing, parallelism with autoscaling,
 * and a role that may read the events stream (enhanced fan-out included), write the profiles table, and write its dead
 * letters to the quarantine stream.
 */
public final class FeatureJobApplication extends Construct {
    public static final String RUNTIME = "FLINK-1_19";
    public static final String APPLICATION_NAME = "playerlens-feature-job";

    private final CfnApplicationV2 application;
    private final LogGroup logGroup;

    public FeatureJobApplication(Construct scope, String id, IStream events, IStream quarantine, ITableV2 profiles, int parallelism) {
        super(scope, id);
        Asset jar = Asset.Builder.create(this, "JobJar").path(Artifacts.flinkJar()).build();
        Role role = Role.Builder.create(this, "Role").assumedBy(new ServicePrincipal("kinesisanalytics.amazonaws.com")).build();
        // The job's own jar, not the whole assets bucket.
        role.addToPolicy(PolicyStatement.Builder.create().actions(List.of("s3:GetObject", "s3:GetObjectVersion"))
                .resources(List.of(jar.getBucket().arnForObjects(jar.getS3ObjectKey()))).build());
        NagAcknowledgments.featureJobRole(role);
        events.grantRead(role);
        quarantine.grantWrite(role); // dead letters
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("kinesis:RegisterStreamConsumer", "kinesis:DescribeStreamConsumer", "kinesis:SubscribeToShard",
                        "kinesis:DeregisterStreamConsumer", "kinesis:ListShards"))
                .resources(List.of(events.getStreamArn(), events.getStreamArn() + "/consumer/*")).build());
        profiles.grant(role, "dynamodb:BatchWriteItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:DescribeTable");
        role.addToPolicy(PolicyStatement.Builder.create().actions(List.of("cloudwatch:PutMetricData")).resources(List.of("*")).build());
        logGroup = LogGroup.Builder.create(this, "Logs").logGroupName("/aws/kinesis-analytics/" + APPLICATION_NAME)
                .retention(RetentionDays.ONE_MONTH).removalPolicy(RemovalPolicy.DESTROY).build();
        LogStream logStream = LogStream.Builder.create(this, "LogStream").logGroup(logGroup).logStreamName("feature-job")
                .removalPolicy(RemovalPolicy.DESTROY).build();
        role.addToPolicy(PolicyStatement.Builder.create().actions(List.of("logs:DescribeLogGroups"))
                .resources(List.of("arn:aws:logs:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":log-group:*")).build());
        role.addToPolicy(PolicyStatement.Builder.create().actions(List.of("logs:DescribeLogStreams", "logs:PutLogEvents"))
                .resources(List.of(logGroup.getLogGroupArn())).build());

        application = CfnApplicationV2.Builder.create(this, "Application")
                .applicationName(APPLICATION_NAME)
                .runtimeEnvironment(RUNTIME)
                .serviceExecutionRole(role.getRoleArn())
                .applicationConfiguration(CfnApplicationV2.ApplicationConfigurationProperty.builder()
                        .applicationCodeConfiguration(CfnApplicationV2.ApplicationCodeConfigurationProperty.builder()
                                .codeContentType("ZIPFILE")
                                .codeContent(CfnApplicationV2.CodeContentProperty.builder()
                                        .s3ContentLocation(CfnApplicationV2.S3ContentLocationProperty.builder()
                                                .bucketArn(jar.getBucket().getBucketArn()).fileKey(jar.getS3ObjectKey()).build())
                                        .build())
                                .build())
                        .environmentProperties(CfnApplicationV2.EnvironmentPropertiesProperty.builder()
                                .propertyGroups(propertyGroups(events.getStreamName(), quarantine.getStreamName(), profiles.getTableName())).build())
                        .flinkApplicationConfiguration(CfnApplicationV2.FlinkApplicationConfigurationProperty.builder()
                                .checkpointConfiguration(CfnApplicationV2.CheckpointConfigurationProperty.builder()
                                        .configurationType("CUSTOM").checkpointingEnabled(true).checkpointInterval(Long.parseLong(FeatureJobProperties.DEFAULTS
                                                .get(FeatureJobProperties.JOB_GROUP).get(FeatureJobProperties.CHECKPOINT_INTERVAL_MS)))
                                        .minPauseBetweenCheckpoints(5_000).build())
                                .parallelismConfiguration(CfnApplicationV2.ParallelismConfigurationProperty.builder()
                                        .configurationType("CUSTOM").parallelism(parallelism).parallelismPerKpu(1).autoScalingEnabled(true).build())
                                // Application level: Flink's per-operator metrics would multiply the custom metrics billed;
                                // the job's own metrics (kinesisanalytics group) carry the Application dimension.
                                .monitoringConfiguration(CfnApplicationV2.MonitoringConfigurationProperty.builder()
                                        .configurationType("CUSTOM").logLevel("INFO").metricsLevel("APPLICATION").build())
                                .build())
                        .applicationSnapshotConfiguration(CfnApplicationV2.ApplicationSnapshotConfigurationProperty.builder()
                                .snapshotsEnabled(true).build())
                        .build())
                .build();
        // The service checks the role's permissions at creation: the application waits for the role's policy too.
        application.getNode().addDependency(role);
        CfnApplicationCloudWatchLoggingOptionV2 logging = CfnApplicationCloudWatchLoggingOptionV2.Builder.create(this, "Logging")
                .applicationName(application.getRef())
                .cloudWatchLoggingOption(CfnApplicationCloudWatchLoggingOptionV2.CloudWatchLoggingOptionProperty.builder()
                        .logStreamArn("arn:aws:logs:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":log-group:" + logGroup.getLogGroupName()
                                + ":log-stream:" + logStream.getLogStreamName())
                        .build())
                .build();
        logging.getNode().addDependency(application);
    }

    /**
     * The job's runtime properties ({@link FeatureJobProperties}: every default written out, so the console shows
     * them) with the stack's names, the region, and enhanced fan-out (polling allows 5 reads/s per shard).
     */
    static List<CfnApplicationV2.PropertyGroupProperty> propertyGroups(String stream, String quarantine, String table) {
        FeatureJobProperties properties = FeatureJobProperties.of(stream, quarantine, table)
                .with(Map.of(FeatureJobProperties.AWS_REGION, Aws.REGION), FeatureJobProperties.SOURCE_GROUP, FeatureJobProperties.SINK_GROUP,
                        FeatureJobProperties.DEAD_LETTER_GROUP)
                .withEnhancedFanOut(APPLICATION_NAME);
        return properties.groups().entrySet().stream().map(g -> group(g.getKey(), g.getValue())).toList();
    }

    private static CfnApplicationV2.PropertyGroupProperty group(String id, Map<String, String> properties) {
        return CfnApplicationV2.PropertyGroupProperty.builder().propertyGroupId(id).propertyMap(properties).build();
    }

    /** Where the job logs (Flink's and the job's logs, dead letters among them). */
    public LogGroup logGroup() {
        return logGroup;
    }

    public CfnApplicationV2 application() {
        return application;
    }
}
