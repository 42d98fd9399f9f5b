package io.playerlens.emulators;

import static org.assertj.core.api.Assertions.assertThat;

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
}
