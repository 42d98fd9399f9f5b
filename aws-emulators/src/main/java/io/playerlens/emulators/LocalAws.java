package io.playerlens.emulators;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The local AWS: kinesalite and dynalite from npm, each on a free port bound to 127.0.0.1 only. One instance serves the
 * integration tests and {@code ./playerlens up}. {@link #close()} (also run by a shutdown hook) stops both.
 */
public final class LocalAws implements AutoCloseable {
    public static final Region REGION = Region.US_EAST_1;
    public static final String ACCESS_KEY = "local";
    public static final String SECRET_KEY = "local";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 3;
    /** How long a health probe waits for an emulator to answer. */
    public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    private static LocalAws shared;

    static {
        // kinesalite answers CBOR GetRecords with a Data shape the SDKs cannot read; JSON works with every client.
        // The AWS SDK v2 (Lambdas, tools), the SDK v1 that flink-connector-kinesis shades, and its shaded SDK v2.
        System.setProperty("aws.cborEnabled", "false");
        System.setProperty("com.amazonaws.sdk.disableCbor", "true");
        System.setProperty("org.apache.flink.kinesis.shaded.com.amazonaws.sdk.disableCbor", "true");
    }

    private final EmulatorProcess kinesisProcess;
    private final EmulatorProcess dynamoProcess;
    private final KinesisClient kinesis;
    private final DynamoDbClient dynamo;
    private final KinesisClient kinesisProbe;
    private final DynamoDbClient dynamoProbe;
    private final Thread shutdownHook = new Thread(this::stopProcesses, "local-aws-shutdown");
    private final Duration streamRetention;

    private LocalAws(EmulatorProcess kinesisProcess, EmulatorProcess dynamoProcess, Duration streamRetention) {
        this.streamRetention = streamRetention;
        this.kinesisProcess = kinesisProcess;
        this.dynamoProcess = dynamoProcess;
        this.kinesis = kinesisClient(kinesisProcess.endpoint());
        this.dynamo = dynamoClient(dynamoProcess.endpoint());
        this.kinesisProbe = emulator(KinesisClient.builder(), kinesisProcess.endpoint()).httpClientBuilder(probeHttp())
                .overrideConfiguration(c -> c.apiCallTimeout(PROBE_TIMEOUT)).build();
        this.dynamoProbe = emulator(DynamoDbClient.builder(), dynamoProcess.endpoint()).httpClientBuilder(probeHttp())
                .overrideConfiguration(c -> c.apiCallTimeout(PROBE_TIMEOUT)).build();
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * How long kinesalite keeps a stream's records unless {@value #RETENTION_PROPERTY} says otherwise: long enough for
     * a feature job restored from its latest checkpoint (a minute old at most locally) or a consumer paused for
     * minutes, short enough that the emulator's memory stays flat however long the stack runs (docs/local-runtime.md).
     */
    public static final Duration DEFAULT_STREAM_RETENTION = Duration.ofMinutes(30);
    /** System property: kinesalite's retention in minutes; 0 keeps kinesalite's own (the stream's 24 hours, never trimmed). */
    public static final String RETENTION_PROPERTY = "playerlens.kinesis.retention.minutes";

    /** Starts both emulators, writing their logs under {@code logDir}, with the configured stream retention. */
    public static LocalAws start(Path logDir) {
        return start(logDir, streamRetention(System.getProperty(RETENTION_PROPERTY)));
    }

    /** The retention a {@value #RETENTION_PROPERTY} value asks for; {@link #DEFAULT_STREAM_RETENTION} when absent. */
    static Duration streamRetention(String minutes) {
        if (minutes == null || minutes.isBlank()) {
            return DEFAULT_STREAM_RETENTION;
        }
        try {
            long value = Long.parseLong(minutes.trim());
            if (value >= 0) {
                return Duration.ofMinutes(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + RETENTION_PROPERTY + " must be a whole number of minutes, 0 or more (0: kinesalite's"
                + " own 24 hours, never trimmed), got '" + minutes + "'");
    }

    /**
     * Starts both emulators, writing their logs under {@code logDir}; kinesalite deletes records older than
     * {@code streamRetention} as a real stream drops records past its retention period (zero: never).
     */
    public static LocalAws start(Path logDir, Duration streamRetention) {
        NodeModules.requireNode();
        EmulatorProcess dynamo = startWithRetry("dynalite", port -> EmulatorProcess.start("dynalite",
                List.of("node", NodeModules.launcher("dynalite-loopback.js").toString(), NodeModules.script("dynalite").toString(),
                        Integer.toString(port)),
                Map.of(), port, logDir), p -> dynamoClient(p.endpoint()).listTables().tableNames() != null);
        try {
            EmulatorProcess kinesis = startWithRetry("kinesalite", port -> EmulatorProcess.start("kinesalite",
                    List.of("node", NodeModules.launcher("kinesalite-loopback.js").toString(), NodeModules.script("kinesalite").toString(),
                            Integer.toString(port), Long.toString(streamRetention.toMillis())),
                    Map.of(), port, logDir), p -> kinesisClient(p.endpoint()).listStreams().streamNames() != null);
            return new LocalAws(kinesis, dynamo, streamRetention);
        } catch (RuntimeException e) {
            dynamo.close();
            throw e;
        }
    }

    /** One instance per JVM for integration tests, started on first use and stopped at JVM exit. */
    public static synchronized LocalAws shared() {
        if (shared == null) {
            shared = start(Path.of("target", "emulator-logs"));
        }
        return shared;
    }

    /** How long kinesalite keeps records here (zero: its own 24 hours, never trimmed). */
    public Duration streamRetention() {
        return streamRetention;
    }

    public URI kinesisEndpoint() {
        return kinesisProcess.endpoint();
    }

    public URI dynamoDbEndpoint() {
        return dynamoProcess.endpoint();
    }

    public KinesisClient kinesis() {
        return kinesis;
    }

    public DynamoDbClient dynamoDb() {
        return dynamo;
    }

    public boolean kinesisAlive() {
        return kinesisProcess.isAlive();
    }

    public boolean dynamoDbAlive() {
        return dynamoProcess.isAlive();
    }

    /** Whether Kinesis answers a call within {@link #PROBE_TIMEOUT} (a frozen or dead emulator does not). */
    public boolean kinesisResponds() {
        try {
            return kinesisProbe.listStreams(b -> b.limit(1)).streamNames() != null;
        } catch (SdkException e) {
            return false;
        }
    }

    /** Whether DynamoDB answers a call within {@link #PROBE_TIMEOUT}. */
    public boolean dynamoDbResponds() {
        try {
            return dynamoProbe.listTables(b -> b.limit(1)).tableNames() != null;
        } catch (SdkException e) {
            return false;
        }
    }

    /** Fault injection: Kinesis stops answering (frozen, data kept) until {@link #thawKinesis}. */
    public void freezeKinesis() {
        kinesisProcess.signal(true);
    }

    public void thawKinesis() {
        kinesisProcess.signal(false);
    }

    /** Fault injection: DynamoDB stops answering (frozen, data kept) until {@link #thawDynamoDb}. */
    public void freezeDynamoDb() {
        dynamoProcess.signal(true);
    }

    public void thawDynamoDb() {
        dynamoProcess.signal(false);
    }

    /** Given to the client as a builder, so closing the SDK client closes its connection pool too. */
    private static ApacheHttpClient.Builder probeHttp() {
        return ApacheHttpClient.builder().connectionTimeout(Duration.ofMillis(500)).socketTimeout(PROBE_TIMEOUT);
    }

    /**
     * Environment an AWS SDK client (or a Lambda handler, or a child JVM) needs to talk to these emulators — CBOR off
     * included: one record put with CBOR makes kinesalite answer every JSON GetRecords of its stream with a shape no
     * SDK reads (seen when a Lambda's jar ran in a child process against the running stack).
     */
    public Map<String, String> sdkEnvironment() {
        return Map.of(
                // A JVM started with this environment turns CBOR off in both SDKs (v2 reads no environment variable for it).
                "JAVA_TOOL_OPTIONS", "-Daws.cborEnabled=false -Dcom.amazonaws.sdk.disableCbor=true",
                "AWS_REGION", REGION.id(),
                "AWS_ACCESS_KEY_ID", ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", SECRET_KEY,
                "AWS_ENDPOINT_URL_KINESIS", kinesisEndpoint().toString(),
                "AWS_ENDPOINT_URL_DYNAMODB", dynamoDbEndpoint().toString());
    }

    /** Creates a stream (or keeps an existing one) and waits until it is ACTIVE. */
    public void createStream(String name, int shards) {
        try {
            kinesis.createStream(b -> b.streamName(name).shardCount(shards));
        } catch (ResourceInUseException alreadyThere) {
            // Idempotent: ./playerlens up may be restarted against the same emulator.
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().streamStatus() != StreamStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new EmulatorStartException("stream " + name + " did not become ACTIVE");
            }
            Thread.onSpinWait();
        }
    }

    /** Creates an on-demand table with a string partition key (or keeps an existing one) and waits until it is ACTIVE. */
    public void createTable(String name, String partitionKey) {
        try {
            dynamo.createTable(b -> b.tableName(name)
                    .attributeDefinitions(a -> a.attributeName(partitionKey).attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName(partitionKey).keyType(KeyType.HASH))
                    .billingMode(BillingMode.PAY_PER_REQUEST));
        } catch (software.amazon.awssdk.services.dynamodb.model.ResourceInUseException alreadyThere) {
            // Idempotent, like createStream.
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (dynamo.describeTable(b -> b.tableName(name)).table().tableStatus() != TableStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new EmulatorStartException("table " + name + " did not become ACTIVE");
            }
            Thread.onSpinWait();
        }
    }

    public static KinesisClient kinesisClient(URI endpoint) {
        return emulator(KinesisClient.builder(), endpoint).httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    public static DynamoDbClient dynamoClient(URI endpoint) {
        return emulator(DynamoDbClient.builder(), endpoint).httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    /** A client builder aimed at an emulator: its endpoint, the local region and the emulators' static credentials. */
    private static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>> B emulator(B builder, URI endpoint) {
        return builder.endpointOverride(endpoint).region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
    }

    private interface Starter {
        EmulatorProcess start(int port);
    }

    private interface Probe {
        boolean ready(EmulatorProcess process);
    }

    /** A picked port can be taken by another process before the child binds it: retry with a new one. */
    private static EmulatorProcess startWithRetry(String name, Starter starter, Probe probe) {
        EmulatorStartException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            EmulatorProcess process = starter.start(FreePorts.pick());
            try {
                process.awaitReady(START_TIMEOUT, () -> {
                    try {
                        return probe.ready(process);
                    } catch (SdkException notYet) {
                        return false;
                    }
                });
                return process;
            } catch (EmulatorStartException e) {
                process.close();
                last = e;
            }
        }
        throw last;
    }

    private void stopProcesses() {
        kinesisProcess.close();
        dynamoProcess.close();
    }

    @Override
    public void close() {
        kinesis.close();
        dynamo.close();
        stopProcesses();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run: nothing left to do.
        }
    }
}
