package io.playerlens.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Size;
import software.amazon.awscdk.services.kinesis.IStream;
import software.amazon.awscdk.services.kinesisfirehose.Compression;
import software.amazon.awscdk.services.kinesisfirehose.DeliveryStream;
import software.amazon.awscdk.services.kinesisfirehose.KinesisStreamSource;
import software.amazon.awscdk.services.kinesisfirehose.S3Bucket;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.Transition;
import software.constructs.Construct;

/**
 * The raw event archive: Firehose copies the events stream, record for record, to S3 under
 * {@code raw/dt=YYYY-MM-DD/hour=HH/} (arrival time, UTC) and the quarantine stream under {@code quarantine/...}.
 * Records are gzip members already, so Firehose writes them uncompressed and the files are valid multi-member
 * {@code .gz}. Lifecycle rules move the archive to cheaper storage classes as it ages.
 */
public final class RawArchive extends Construct {
    public static final String RAW_PREFIX = io.playerlens.contracts.archive.ArchiveLayout.firehosePrefix(io.playerlens.contracts.archive.ArchiveLayout.RAW);
    public static final String QUARANTINE_PREFIX = io.playerlens.contracts.archive.ArchiveLayout.firehosePrefix(io.playerlens.contracts.archive.ArchiveLayout.QUARANTINE);

    private final Bucket bucket;

    public RawArchive(Construct scope, String id, IStream events, IStream quarantine) {
        super(scope, id);
        bucket = Bucket.Builder.create(this, "Bucket")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .versioned(false)
                .removalPolicy(RemovalPolicy.RETAIN)
                .lifecycleRules(List.of(
                        LifecycleRule.builder().id("raw-to-cheaper-storage").prefix("raw/").transitions(List.of(
                                Transition.builder().storageClass(StorageClass.INFREQUENT_ACCESS).transitionAfter(Duration.days(30)).build(),
                                Transition.builder().storageClass(StorageClass.GLACIER_INSTANT_RETRIEVAL).transitionAfter(Duration.days(90)).build()))
                                .build(),
                        LifecycleRule.builder().id("quarantine-expiry").prefix("quarantine/").expiration(Duration.days(90)).build(),
                        LifecycleRule.builder().id("abort-incomplete-uploads").abortIncompleteMultipartUploadAfter(Duration.days(7)).build()))
                .build();
        copy("Events", events, RAW_PREFIX, "errors/raw/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/");
        copy("Quarantine", quarantine, QUARANTINE_PREFIX, "errors/quarantine/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/");
    }

    private void copy(String id, IStream stream, String prefix, String errorPrefix) {
        DeliveryStream.Builder.create(this, id + "Delivery")
                .source(new KinesisStreamSource(stream))
                .destination(S3Bucket.Builder.create(bucket)
                        .dataOutputPrefix(prefix)
                        .errorOutputPrefix(errorPrefix)
                        .compression(Compression.UNCOMPRESSED)
                        .fileExtension(".gz")
                        .bufferingInterval(Duration.seconds(60))
                        .bufferingSize(Size.mebibytes(64))
                        .build())
                .build();
    }

    public Bucket bucket() {
        return bucket;
    }
}
