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
