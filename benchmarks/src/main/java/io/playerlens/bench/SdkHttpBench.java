package io.playerlens.bench;

import io.playerlens.bench.stack.Percentiles;
import io.playerlens.emulators.LocalAws;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * Which SDK HTTP client the Lambdas use: the same calls (a DynamoDB GetItem of a 500-byte profile, a Kinesis PutRecords
 * of one 1 KB record, as ingest sends) against the local emulators through each client, alternating clients round by
 * round so a noisy neighbour hits both. Reports the thread CPU per call (what a Lambda is billed for, and what the
 * local stack's two cores spend) and the time per call.
 */
@Command(name = "sdk-http", mixinStandardHelpOptions = true,
        description = "AWS SDK HTTP clients compared on the Lambdas' calls against the local emulators: CPU and time per call.")
public final class SdkHttpBench implements Callable<Integer> {
    private static final String TABLE = "sdk-http-bench";
    private static final String STREAM = "sdk-http-bench";
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalAws.ACCESS_KEY, LocalAws.SECRET_KEY));

    @Option(names = "--rounds", defaultValue = "10", description = "Rounds per client (default: ${DEFAULT-VALUE}); the first is warm-up.")
    int rounds;

    @Option(names = "--calls", defaultValue = "2000", description = "Calls per round (default: ${DEFAULT-VALUE}).")
    int calls;

    @Override
    public Integer call() throws Exception {
        System.out.printf("sdk-http: %d cores, %s %s, %d rounds x %d calls per client and operation%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"),
                rounds, calls);
        try (LocalAws aws = LocalAws.start(Files.createTempDirectory("sdk-http-bench"))) {
            aws.createTable(TABLE, "pk");
            aws.createStream(STREAM, 1);
            Map<String, Supplier<SdkHttpClient.Builder<?>>> clients = new LinkedHashMap<>();
            clients.put("url-connection", () -> UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(1))
                    .socketTimeout(Duration.ofSeconds(2)));
            clients.put("apache", () -> ApacheHttpClient.builder().connectionTimeout(Duration.ofSeconds(1)).socketTimeout(Duration.ofSeconds(2)));
            List<Variant> variants = new ArrayList<>();
            for (var client : clients.entrySet()) {
                DynamoDbClient dynamo = DynamoDbClient.builder().httpClientBuilder(client.getValue().get())
                        .endpointOverride(aws.dynamoDbEndpoint()).region(LocalAws.REGION)
                        .credentialsProvider(CREDENTIALS).build();
                KinesisClient kinesis = KinesisClient.builder().httpClientBuilder(client.getValue().get())
                        .endpointOverride(aws.kinesisEndpoint()).region(LocalAws.REGION)
                        .credentialsProvider(CREDENTIALS).build();
                variants.add(new Variant(client.getKey() + " GetItem", () -> dynamo.getItem(b -> b.tableName(TABLE)
                        .key(Map.of("pk", AttributeValue.fromS("player-1"))))));
                SdkBytes record = SdkBytes.fromByteArray(new byte[1024]);
                variants.add(new Variant(client.getKey() + " PutRecords", () -> kinesis.putRecords(b -> b.streamName(STREAM)
                        .records(PutRecordsRequestEntry.builder().partitionKey("player-1").data(record).build()))));
            }
            DynamoDbClient seed = aws.dynamoDb();
            seed.putItem(b -> b.tableName(TABLE).item(Map.of("pk", AttributeValue.fromS("player-1"), "features",
                    AttributeValue.fromS("x".repeat(500)))));
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (int round = 0; round < rounds; round++) {
                for (Variant variant : variants) {
                    variant.round(threads, calls, round > 0);
                }
            }
            System.out.printf("%-26s %-44s %-44s%n", "client, call", "CPU us per call (per round, after warm-up)",
                    "time per call, us (every call after warm-up)");
            for (Variant variant : variants) {
                System.out.printf("%-26s p50 %6.0f  min %6.0f  max %6.0f             p50 %6.0f  p99 %7.0f  (n=%d)%n", variant.name,
                        Percentiles.of(variant.cpuPerCall).p50(), variant.cpuPerCall.stream().mapToDouble(d -> d).min().orElse(Double.NaN),
                        variant.cpuPerCall.stream().mapToDouble(d -> d).max().orElse(Double.NaN), Percentiles.of(variant.micros).p50(),
                        Percentiles.of(variant.micros).p99(), variant.micros.size());
            }
        }
        return 0;
    }

    private static final class Variant {
        final String name;
        final Runnable call;
        final List<Double> cpuPerCall = new ArrayList<>();
        final List<Double> micros = new ArrayList<>();

        Variant(String name, Runnable call) {
            this.name = name;
            this.call = call;
        }

        void round(ThreadMXBean threads, int calls, boolean keep) {
            long cpu = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < calls; i++) {
                long start = System.nanoTime();
                call.run();
                if (keep) {
                    micros.add((System.nanoTime() - start) / 1e3);
                }
            }
            if (keep) {
                cpuPerCall.add((threads.getCurrentThreadCpuTime() - cpu) / 1e3 / calls);
            }
        }
    }
}
