package io.playerlens.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.playerlens.contracts.codec.BatchCodec;
import io.playerlens.contracts.event.PlayerKey;
import io.playerlens.contracts.profile.ProfileItem;
import io.playerlens.contracts.quarantine.QuarantineEntry;
import io.playerlens.emulators.LocalAws;
import io.playerlens.emulators.StreamReader;
import io.playerlens.store.ProfileItemCodec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.dynamodb.sink.DynamoDbWriteRequest;
import org.apache.flink.connector.dynamodb.sink.DynamoDbWriteRequestType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The profile sink against a real DynamoDB API (dynalite): a write the store refuses as invalid, in a batch with good
 * ones, does not fail the job — the good writes land, the refused one is a dead letter on the quarantine stream (a
 * real Kinesis API) with the store's reason. flink-connector-dynamodb's own writer fails the job on it.
 */
class ProfileSinkIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    @Test
    void aWriteTheStoreRefuses_isADeadLetter_andTheBatchsOtherWritesLand() throws Exception {
        LocalAws aws = LocalAws.shared();
        String table = "sink-it-" + System.nanoTime();
        String deadLetterStream = table + "-dead";
        aws.createTable(table, ProfileItem.KEY);
        aws.createStream(deadLetterStream, 1);
        Properties dynamo = emulator(aws.dynamoDbEndpoint().toString());
        Properties kinesis = emulator(aws.kinesisEndpoint().toString());

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        List<String> players = List.of("good-1", "refused", "good-2");
        // A converter that writes what no assembler would: the store refuses a number of magnitude 1E+200.
        ProfileSink sink = new ProfileSink(table, (write, context) -> item(write.playerId), 25, 1, 100, 50, dynamo, deadLetterStream, kinesis);
        env.fromData(players, Types.STRING).map(ProfileSinkIT::write).returns(Types.POJO(ProfileWrite.class)).sinkTo(sink);
        env.execute("profile-sink-it");

        assertThat(aws.dynamoDb().getItem(b -> b.tableName(table).key(ProfileItemCodec.key(PlayerKey.of(Events.GAME, "good-1")))).item()).isNotEmpty();
        assertThat(aws.dynamoDb().getItem(b -> b.tableName(table).key(ProfileItemCodec.key(PlayerKey.of(Events.GAME, "good-2")))).item()).isNotEmpty();
        assertThat(aws.dynamoDb().getItem(b -> b.tableName(table).key(ProfileItemCodec.key(PlayerKey.of(Events.GAME, "refused")))).item()).isEmpty();
        List<QuarantineEntry> deadLetters = StreamReader.readAll(aws.kinesis(), deadLetterStream).stream()
                .flatMap(r -> BatchCodec.decodeEvents(r.data().asByteArray()).stream()).map(QuarantineEntry::fromJson).toList();
        assertThat(deadLetters).singleElement().satisfies(entry -> {
            assertThat(entry.stage()).isEqualTo(QuarantineEntry.STAGE_PROFILE_WRITE);
            assertThat(entry.playerId()).isEqualTo("refused");
            assertThat(entry.error()).startsWith("the profile store refused the write: Number overflow.");
        });
    }

    private static ProfileWrite write(String player) {
        ProfileWrite write = new ProfileWrite();
        write.playerId = player;
        write.gameId = Events.GAME;
        write.featuresJson = "{}";
        return write;
    }

    private static DynamoDbWriteRequest item(String player) {
        Map<String, AttributeValue> item = new HashMap<>(ProfileItemCodec.key(PlayerKey.of(Events.GAME, player)));
        item.put(ProfileItem.PLAYER_ID, AttributeValue.fromS(player));
        item.put(ProfileItem.GAME_ID, AttributeValue.fromS(Events.GAME));
        item.put(ProfileItem.FEATURES, AttributeValue.fromM(Map.of("x", AttributeValue.fromN(player.equals("refused") ? "1E+200" : "1"))));
        return DynamoDbWriteRequest.builder().setType(DynamoDbWriteRequestType.PUT).setItem(item).build();
    }

    private static Properties emulator(String endpoint) {
        Properties p = new Properties();
        p.setProperty("aws.region", "us-east-1");
        p.setProperty("aws.endpoint", endpoint);
        p.setProperty("aws.credentials.provider", "BASIC");
        p.setProperty("aws.credentials.provider.basic.accesskeyid", "local");
        p.setProperty("aws.credentials.provider.basic.secretkey", "local");
        return p;
    }
}
