package io.playerlens.features;

import static io.playerlens.features.Events.at;
import static io.playerlens.features.Events.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.profile.ProfileItem;
import io.playerlens.emulators.LocalAws;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The job with its real connectors: kinesis-mock → Flink (MiniCluster) → dynalite. */
class FeatureJobIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    private static LocalAws aws;

    @BeforeAll
    static void emulators() {
        aws = LocalAws.shared();
    }

    static JobProperties properties(String stream, String table) {
        return JobProperties.devDefaults()
                .with(Connectors.SOURCE_GROUP, "stream.name", stream)
                .with(Connectors.SOURCE_GROUP, "aws.endpoint", aws.kinesisEndpoint().toString())
                .with(Connectors.SINK_GROUP, "table.name", table)
                .with(Connectors.SINK_GROUP, "aws.endpoint", aws.dynamoDbEndpoint().toString())
                .with(FeatureJobSettings.GROUP, "checkpoint.interval.ms", "500");
    }

    static void put(String stream, List<ObjectNode> events) {
        for (byte[] record : Events.records(events)) {
            String key = io.playerlens.contracts.codec.BatchCodec.decodeEvents(record).get(0).get("player_id").asText();
            aws.kinesis().putRecord(b -> b.streamName(stream).partitionKey(key).data(SdkBytes.fromByteArray(record)));
        }
    }

    static Map<String, AttributeValue> profile(String table, String player) {
        return aws.dynamoDb().getItem(b -> b.tableName(table).key(Map.of(ProfileItem.PLAYER_ID, AttributeValue.fromS(player)))).item();
    }

    @Test
    void eventsInKinesis_becomeProfileItemsInDynamoDb() throws Exception {
        String stream = "events-" + UUID.randomUUID();
        String table = "profiles-" + UUID.randomUUID();
        aws.createStream(stream, 2);
        aws.createTable(table, ProfileItem.PLAYER_ID);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        JobClient job = FeatureJob.start(env, properties(stream, table));
        try {
            List<ObjectNode> events = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                events.add(event("p-1", "purchase", at(Duration.ofMinutes(i)), "sku", "s", "price_cents", 100, "currency", "USD"));
            }
            events.add(event("p-2", "store_view", at(Duration.ofMinutes(1))));
            put(stream, events);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Map<String, AttributeValue> item = profile(table, "p-1");
                assertThat(item).containsKey(ProfileItem.FEATURES);
                assertThat(item.get(ProfileItem.FEATURES).m().get("spend_total_cents").n()).isEqualTo("500");
            });
            Map<String, AttributeValue> item = profile(table, "p-1");
            assertThat(item.get(ProfileItem.GAME_ID).s()).isEqualTo(Events.GAME);
            assertThat(Long.parseLong(item.get(ProfileItem.UPDATED_AT).n())).isGreaterThan(Long.parseLong(item.get(ProfileItem.RECEIVED_AT).n()));
            await().atMost(Duration.ofSeconds(30)).until(() -> profile(table, "p-2").containsKey(ProfileItem.FEATURES));
        } finally {
            job.cancel().get();
        }
    }
}
