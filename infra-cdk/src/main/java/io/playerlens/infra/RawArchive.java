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

    private final Bucket bucket;
    private final Bucket accessLogs;

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
        LogGroup errors = LogGroup.Builder.create(this, "DeliveryLogs").retention(RetentionDays.ONE_MONTH).removalPolicy(RemovalPolicy.DESTROY)
                .build();
        copy("Events", events, RAW_PREFIX, "errors/raw/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/", errors);
        copy("Quarantine", quarantine, QUARANTINE_PREFIX, "errors/quarantine/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/", errors);
    }

    private void copy(String id, IStream stream, String prefix, String errorPrefix, LogGroup logs) {
        LogStream logStream = LogStream.Builder.create(this, id + "DeliveryLogStream").logGroup(logs).logStreamName(id.toLowerCase() + "-s3")
                .removalPolicy(RemovalPolicy.DESTROY).build();
        Role role = Role.Builder.create(this, id + "DeliveryRole").assumedBy(new ServicePrincipal("firehose.amazonaws.com"))
                .description("Firehose: read " + id + " stream, add archive objects under its prefixes").build();
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetShardIterator", "kinesis:GetRecords",
                        "kinesis:ListShards"))
                .resources(List.of(stream.getStreamArn())).build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"))
                .resources(List.of(bucket.getBucketArn())).build());
        String topLevel = prefix.substring(0, prefix.indexOf('/') + 1);
        String errorTopLevel = errorPrefix.substring(0, errorPrefix.indexOf('/', errorPrefix.indexOf('/') + 1) + 1);
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:PutObject", "s3:AbortMultipartUpload"))
                .resources(List.of(bucket.arnForObjects(topLevel + "*"), bucket.arnForObjects(errorTopLevel + "*"))).build());
        role.addToPolicy(PolicyStatement.Builder.create().actions(List.of("logs:PutLogEvents"))
                .resources(List.of(logs.getLogGroupArn())).build());
        NagAcknowledgments.firehoseWritesUnderItsPrefix(role);

        CfnDeliveryStream delivery = CfnDeliveryStream.Builder.create(this, id + "Delivery")
                .deliveryStreamType("KinesisStreamAsSource")
                .kinesisStreamSourceConfiguration(CfnDeliveryStream.KinesisStreamSourceConfigurationProperty.builder()
                        .kinesisStreamArn(stream.getStreamArn()).roleArn(role.getRoleArn()).build())
                .extendedS3DestinationConfiguration(CfnDeliveryStream.ExtendedS3DestinationConfigurationProperty.builder()
                        .bucketArn(bucket.getBucketArn())
                        .roleArn(role.getRoleArn())
                        .prefix(prefix)
                        .errorOutputPrefix(errorPrefix)
                        .compressionFormat("UNCOMPRESSED")
                        .fileExtension(".gz")
                        .bufferingHints(CfnDeliveryStream.BufferingHintsProperty.builder().intervalInSeconds(60).sizeInMBs(64).build())
                        .cloudWatchLoggingOptions(CfnDeliveryStream.CloudWatchLoggingOptionsProperty.builder().enabled(true)
                                .logGroupName(logs.getLogGroupName()).logStreamName(logStream.getLogStreamName()).build())
                        .build())
                .build();
        delivery.getNode().addDependency(role);
        NagAcknowledgments.firehoseFromAStream(delivery);
    }

    public Bucket bucket() {
        return bucket;
    }

    public Bucket accessLogs() {
        return accessLogs;
    }
}
