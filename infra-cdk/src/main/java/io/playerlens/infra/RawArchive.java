package io.playerlens.infra;

import io.playerlens.contracts.archive.ArchiveLayout;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kinesis.IStream;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream;
import software.amazon.awscdk.services.logs.CfnSubscriptionFilter;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.LogStream;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.Transition;
import software.constructs.Construct;

/**
 * The raw event archive: Firehose copies the events stream, record for record, to S3 under
 * {@code raw/dt=YYYY-MM-DD/hour=HH/} (arrival time, UTC) and the quarantine stream under {@code quarantine/...}.
 * Records are gzip members already, so Firehose writes them uncompressed and the files are valid multi-member
 * {@code .gz}. Lifecycle rules move the archive to cheaper storage classes as it ages; server access logs go to a
 * bucket of their own.
 *
 * <p>Each delivery stream has a role of its own that may read its source stream and add objects under its prefix —
 * nothing more (the L2 construct's role may also delete objects, which a copier never needs).
 */
public final class RawArchive extends Construct {
    public static final String RAW_PREFIX = ArchiveLayout.firehosePrefix(ArchiveLayout.RAW);
    public static final String QUARANTINE_PREFIX = ArchiveLayout.firehosePrefix(ArchiveLayout.QUARANTINE);
    /** The subscription filter that sends the offers API's decision lines to their Firehose. */
    public static final String DECISIONS_FILTER = "offer-served-to-archive";
    public static final String DECISIONS_FILTER_PATTERN = "{ $.type = \"" + io.playerlens.contracts.event.ServerEventTypes.OFFER_SERVED + "\" }";

    private final Bucket bucket;
    private final Bucket accessLogs;
    private final LogGroup deliveryLogs;

    public RawArchive(Construct scope, String id, IStream events, IStream quarantine) {
        super(scope, id);
        accessLogs = Bucket.Builder.create(this, "AccessLogs")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED)
                .enforceSsl(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .lifecycleRules(List.of(LifecycleRule.builder().id("access-log-expiry").expiration(Duration.days(90)).build()))
                .build();
        NagAcknowledgments.accessLogBucket(accessLogs);
        bucket = Bucket.Builder.create(this, "Bucket")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .versioned(false)
                .serverAccessLogsBucket(accessLogs)
                .serverAccessLogsPrefix("archive/")
                .removalPolicy(RemovalPolicy.RETAIN)
                .lifecycleRules(List.of(
                        LifecycleRule.builder().id("raw-to-cheaper-storage").prefix("raw/").transitions(List.of(
                                Transition.builder().storageClass(StorageClass.INFREQUENT_ACCESS).transitionAfter(Duration.days(30)).build(),
                                Transition.builder().storageClass(StorageClass.GLACIER_INSTANT_RETRIEVAL).transitionAfter(Duration.days(90)).build()))
                                .build(),
                        LifecycleRule.builder().id("quarantine-expiry").prefix("quarantine/").expiration(Duration.days(90)).build(),
                        LifecycleRule.builder().id("abort-incomplete-uploads").abortIncompleteMultipartUploadAfter(Duration.days(7)).build()))
                .build();
        deliveryLogs = LogGroup.Builder.create(this, "DeliveryLogs").retention(RetentionDays.ONE_MONTH).removalPolicy(RemovalPolicy.DESTROY)
                .build();
        copy("Events", events, RAW_PREFIX, "errors/raw/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/");
        copy("Quarantine", quarantine, QUARANTINE_PREFIX, "errors/quarantine/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/");
    }

    private void copy(String id, IStream stream, String prefix, String errorPrefix) {
        Role role = deliveryRole(id, "read the " + id + " stream, add archive objects under its prefixes", prefix, errorPrefix);
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetShardIterator", "kinesis:GetRecords",
                        "kinesis:ListShards"))
                .resources(List.of(stream.getStreamArn())).build());
        CfnDeliveryStream delivery = CfnDeliveryStream.Builder.create(this, id + "Delivery")
                .deliveryStreamType("KinesisStreamAsSource")
                .kinesisStreamSourceConfiguration(CfnDeliveryStream.KinesisStreamSourceConfigurationProperty.builder()
                        .kinesisStreamArn(stream.getStreamArn()).roleArn(role.getRoleArn()).build())
                .extendedS3DestinationConfiguration(destination(id, role, prefix, errorPrefix)
                        .compressionFormat("UNCOMPRESSED")
                        .fileExtension(".gz")
                        .build())
                .build();
        delivery.getNode().addDependency(role);
        NagAcknowledgments.firehoseFromAStream(delivery);
    }

    /**
     * The offers API's decisions: its {@code offer_served} log lines (one event's JSON each) go from its log group
     * through a subscription filter to a Firehose that extracts the messages and writes them, newline-delimited and
     * gzipped, under the raw prefix — beside the players' events, in the format the offline jobs read.
     *
     * @return the delivery stream's name (for its freshness alarm)
     */
    public String archiveDecisions(ILogGroup offersLogs) {
        String id = "Decisions";
        String errorPrefix = "errors/decisions/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/";
        Role role = deliveryRole(id, "add the offers API's decisions under the raw prefix", RAW_PREFIX, errorPrefix);
        CfnDeliveryStream delivery = CfnDeliveryStream.Builder.create(this, id + "Delivery")
                .deliveryStreamType("DirectPut")
                .deliveryStreamEncryptionConfigurationInput(CfnDeliveryStream.DeliveryStreamEncryptionConfigurationInputProperty.builder()
                        .keyType("AWS_OWNED_CMK").build())
                .extendedS3DestinationConfiguration(destination(id, role, RAW_PREFIX, errorPrefix)
                        .compressionFormat("GZIP")
                        .processingConfiguration(CfnDeliveryStream.ProcessingConfigurationProperty.builder().enabled(true).processors(List.of(
                                processor("Decompression", "CompressionFormat", "GZIP"),
                                processor("CloudWatchLogProcessing", "DataMessageExtraction", "true"),
                                CfnDeliveryStream.ProcessorProperty.builder().type("AppendDelimiterToRecord").build())).build())
                        .build())
                .build();
        delivery.getNode().addDependency(role);
        Role logsRole = Role.Builder.create(this, "DecisionsSubscriptionRole").assumedBy(new ServicePrincipal("logs.amazonaws.com"))
                .description("CloudWatch Logs: put the offers API's decision lines into their Firehose").build();
        logsRole.addToPolicy(PolicyStatement.Builder.create().actions(List.of("firehose:PutRecord", "firehose:PutRecordBatch"))
                .resources(List.of(delivery.getAttrArn())).build());
        CfnSubscriptionFilter filter = CfnSubscriptionFilter.Builder.create(this, "DecisionsSubscription")
                .logGroupName(offersLogs.getLogGroupName())
                .filterName(DECISIONS_FILTER)
                .filterPattern(DECISIONS_FILTER_PATTERN)
                .destinationArn(delivery.getAttrArn())
                .roleArn(logsRole.getRoleArn())
                .build();
        filter.getNode().addDependency(logsRole);
        return delivery.getRef();
    }

    private static CfnDeliveryStream.ProcessorProperty processor(String type, String parameter, String value) {
        return CfnDeliveryStream.ProcessorProperty.builder().type(type).parameters(List.of(
                CfnDeliveryStream.ProcessorParameterProperty.builder().parameterName(parameter).parameterValue(value).build())).build();
    }

    /** The S3 side of a delivery stream: this bucket, its prefixes, a 60 s / 64 MB buffer, errors logged. */
    private CfnDeliveryStream.ExtendedS3DestinationConfigurationProperty.Builder destination(String id, Role role, String prefix,
                                                                                          String errorPrefix) {
        LogStream logStream = LogStream.Builder.create(this, id + "DeliveryLogStream").logGroup(deliveryLogs)
                .logStreamName(id.toLowerCase() + "-s3").removalPolicy(RemovalPolicy.DESTROY).build();
        return CfnDeliveryStream.ExtendedS3DestinationConfigurationProperty.builder()
                .bucketArn(bucket.getBucketArn())
                .roleArn(role.getRoleArn())
                .prefix(prefix)
                .errorOutputPrefix(errorPrefix)
                .bufferingHints(CfnDeliveryStream.BufferingHintsProperty.builder().intervalInSeconds(60).sizeInMBs(64).build())
                .cloudWatchLoggingOptions(CfnDeliveryStream.CloudWatchLoggingOptionsProperty.builder().enabled(true)
                        .logGroupName(deliveryLogs.getLogGroupName()).logStreamName(logStream.getLogStreamName()).build());
    }

    /** A delivery stream's role: add objects under its prefixes and log its errors, nothing more. */
    private Role deliveryRole(String id, String purpose, String prefix, String errorPrefix) {
        Role role = Role.Builder.create(this, id + "DeliveryRole").assumedBy(new ServicePrincipal("firehose.amazonaws.com"))
                .description("Firehose: " + purpose).build();
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"))
                .resources(List.of(bucket.getBucketArn())).build());
        String topLevel = prefix.substring(0, prefix.indexOf('/') + 1);
        String errorTopLevel = errorPrefix.substring(0, errorPrefix.indexOf('/', errorPrefix.indexOf('/') + 1) + 1);
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:PutObject", "s3:AbortMultipartUpload"))
                .resources(List.of(bucket.arnForObjects(topLevel + "*"), bucket.arnForObjects(errorTopLevel + "*"))).build());
        role.addToPolicy(PolicyStatement.Builder.create().actions(List.of("logs:PutLogEvents"))
                .resources(List.of(deliveryLogs.getLogGroupArn())).build());
        NagAcknowledgments.firehoseWritesUnderItsPrefix(role);
        return role;
    }

    public Bucket bucket() {
        return bucket;
    }

    public Bucket accessLogs() {
        return accessLogs;
    }
}
