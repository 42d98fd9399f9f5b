package io.playerlens.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

class LocalAwsIT {

    /** Started in a JVM of its own by the test below: starts the emulators, prints their pids, waits to be killed. */
    public static final class StartAndWait {
        public static void main(String[] args) throws InterruptedException {
            LocalAws.start(Path.of(args[0]));
            System.out.println("pids " + ProcessHandle.current().descendants().map(p -> Long.toString(p.pid()))
                    .collect(java.util.stream.Collectors.joining(",")));
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @Test
    void theEmulatorsEndWithTheJvmThatStartedThem_evenKilledBeforeAnyShutdownHookRuns() throws Exception {
        Process jvm = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                StartAndWait.class.getName(), Path.of("target", "emulator-logs").toString()).redirectErrorStream(true).start();
        List<Long> pids;
        try (java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
                assertThat(line).as("the child JVM's output ended before it printed its emulators").isNotNull();
            } while (!line.startsWith("pids "));
            pids = java.util.Arrays.stream(line.substring(5).split(",")).filter(s -> !s.isBlank()).map(Long::valueOf).toList();
            assertThat(pids).as("kinesalite and dynalite").hasSizeGreaterThanOrEqualTo(2);

            jvm.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
            jvm.waitFor();
        }

        // The emulators see their stdin close and exit.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(pids).as("emulator processes left running after their JVM was killed").noneMatch(LocalAwsIT::alive));
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void recordsOlderThanTheRetention_leaveEveryShard_andNewerOnesStay() {
        try (LocalAws aws = LocalAws.start(Path.of("target", "emulator-logs-retention"), java.time.Duration.ofSeconds(5))) {
            aws.createStream("retained", 2);
            for (int i = 0; i < 40; i++) {
                int n = i;
                aws.kinesis().putRecord(b -> b.streamName("retained").partitionKey("player-" + n).data(SdkBytes.fromUtf8String("old-" + n)));
            }
            assertThat(everyRecord(aws, "retained")).hasSize(40);

            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(everyRecord(aws, "retained")).as("records of a stream with a 5 s retention").isEmpty());
            aws.kinesis().putRecord(b -> b.streamName("retained").partitionKey("player-1").data(SdkBytes.fromUtf8String("new")));
            assertThat(everyRecord(aws, "retained")).containsExactly("new");
        }
    }

    @Test
    void theRetentionProperty_isMinutes_zeroKeepsKinesalitesOwn_andAnythingElseIsRefusedWithItsName() {
        assertThat(LocalAws.streamRetention(null)).isEqualTo(LocalAws.DEFAULT_STREAM_RETENTION);
        assertThat(LocalAws.streamRetention(" 10 ")).isEqualTo(java.time.Duration.ofMinutes(10));
        assertThat(LocalAws.streamRetention("0")).isZero();
        for (String bad : List.of("-1", "ten", "1.5")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalAws.streamRetention(bad))
                    .hasMessageContaining(LocalAws.RETENTION_PROPERTY).hasMessageContaining("'" + bad + "'");
        }
    }

    /** Every record of every shard, read from the trim horizon. */
    private static List<String> everyRecord(LocalAws aws, String stream) {
        List<String> all = new java.util.ArrayList<>();
        for (var shard : aws.kinesis().listShards(b -> b.streamName(stream)).shards()) {
            String iterator = aws.kinesis().getShardIterator(b -> b.streamName(stream).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            aws.kinesis().getRecords(b -> b.shardIterator(iterator)).records().forEach(r -> all.add(r.data().asUtf8String()));
        }
        return all;
    }

    @Test
    void start_servesKinesisAndDynamoDb_andCloseStopsBothProcesses() {
        LocalAws aws = LocalAws.start(Path.of("target", "emulator-logs"));
        try {
            aws.createStream("smoke", 1);
            aws.kinesis().putRecord(b -> b.streamName("smoke").partitionKey("k").data(SdkBytes.fromUtf8String("hello")));
            String shard = aws.kinesis().listShards(b -> b.streamName("smoke")).shards().get(0).shardId();
            String iterator = aws.kinesis().getShardIterator(b -> b.streamName("smoke").shardId(shard)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            List<Record> records = aws.kinesis().getRecords(b -> b.shardIterator(iterator)).records();
            assertThat(records).extracting(r -> r.data().asUtf8String()).containsExactly("hello");

            aws.dynamoDb().createTable(b -> b.tableName("smoke")
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST));
            assertThat(aws.dynamoDb().listTables().tableNames()).contains("smoke");
            assertThat(aws.kinesisEndpoint().getHost()).isEqualTo("127.0.0.1");
        } finally {
            aws.close();
        }
        assertThat(aws.kinesisAlive()).isFalse();
        assertThat(aws.dynamoDbAlive()).isFalse();
    }

    @Test
    void aClientThatAbortsARequestMidwayDoesNotTakeAnEmulatorDown() throws IOException {
        LocalAws aws = LocalAws.start(Path.of("target", "emulator-logs"));
        try {
            // What an SDK call that times out while sending does: headers and part of the body, then a reset.
            for (int i = 0; i < 3; i++) {
                abortMidRequest(aws.dynamoDbEndpoint(), "DynamoDB_20120810.ListTables");
                abortMidRequest(aws.kinesisEndpoint(), "Kinesis_20131202.ListStreams");
            }
            assertThat(aws.dynamoDb().listTables().tableNames()).isNotNull();
            assertThat(aws.kinesis().listStreams().streamNames()).isNotNull();
            assertThat(aws.dynamoDbAlive()).isTrue();
            assertThat(aws.kinesisAlive()).isTrue();
        } finally {
            aws.close();
        }
    }

    private static void abortMidRequest(URI endpoint, String target) throws IOException {
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: " + endpoint.getHost() + "\r\nX-Amz-Target: " + target
                    + "\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: 1000\r\n\r\n{\"Lim").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoLinger(true, 0); // close with a reset, as a timed-out client does
        }
    }
}
