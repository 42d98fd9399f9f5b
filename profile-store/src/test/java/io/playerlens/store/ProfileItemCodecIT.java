package io.playerlens.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.event.PlayerKey;
import io.playerlens.contracts.profile.ProfileItem;
import io.playerlens.emulators.LocalAws;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** The codec's number rules against a real DynamoDB API (dynalite): what it writes is stored, what it refuses is refused. */
class ProfileItemCodecIT {
    private static final String TABLE = "codec-it";
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void table() {
        LocalAws aws = LocalAws.shared();
        aws.createTable(TABLE, ProfileItem.KEY);
        dynamo = aws.dynamoDb();
    }

    @Test
    void valuesAtTheEdgesOfTheStoresRange_areStored_andReadBackEqual() throws Exception {
        ObjectNode features = JsonNodeFactory.instance.objectNode();
        features.put("long_max", Long.MAX_VALUE).put("long_min", Long.MIN_VALUE).put("smallest", 1e-130).put("largest", 9.99999999999999e125)
                .put("digits_38", new BigDecimal("1.2345678901234567890123456789012345678")).put("negative_zero", -0.0)
                .put("platform", "ios \ud83d\ude00").putNull("level_max").put("flag", true).put("double", 0.30000000000000004);

        Map<String, AttributeValue> item = ProfileItemCodec.encode(new ProfileRecord("p-edges", "game-1", 2, features, 1_795_000_000_000L,
                1_794_999_999_000L, 1_794_999_999_500L), Duration.ofDays(1));
        dynamo.putItem(b -> b.tableName(TABLE).item(item));
        StoredProfile read = ProfileItemCodec.decode(dynamo.getItem(b -> b.tableName(TABLE).key(ProfileItemCodec.key(PlayerKey.of("game-1", "p-edges")))).item());

        assertThat(read.problems()).isEmpty();
        assertThat(read.features()).containsEntry("long_max", Long.MAX_VALUE).containsEntry("long_min", Long.MIN_VALUE)
                .containsEntry("smallest", 1e-130).containsEntry("largest", 9.99999999999999e125).containsEntry("negative_zero", 0L)
                .containsEntry("platform", "ios \ud83d\ude00").containsEntry("level_max", null).containsEntry("flag", true)
                .containsEntry("double", 0.30000000000000004);
        assertThat(read.profileEpoch()).isEqualTo(2);
        assertThat(read.processedAt()).isEqualTo(1_794_999_999_500L);
    }

    @Test
    void tiles_areStoredAndReadBack_andWindowedFeaturesAreSummedAtReadTime() throws Exception {
        long now = System.currentTimeMillis();
        long tile = now / 300_000;
        java.util.TreeMap<Long, double[]> spend = new java.util.TreeMap<>(Map.of(tile, new double[] {1, 499}, tile - 25 * 12, new double[] {2, 198}));
        Map<String, io.playerlens.contracts.profile.TileSet> tiles = Map.of("spend_24h",
                new io.playerlens.contracts.profile.TileSet(List.of("purchases", "spend_cents"), spend));
        ObjectNode features = JsonNodeFactory.instance.objectNode().put("purchases_total", 3);
        Map<String, AttributeValue> item = encode(new ProfileRecord("p-tiles", "game-1", 0, features, tiles, now, now, now));
        dynamo.putItem(b -> b.tableName(TABLE).item(item));

        StoredProfile read = ProfileItemCodec.decode(dynamo.getItem(b -> b.tableName(TABLE).key(ProfileItemCodec.key(PlayerKey.of("game-1", "p-tiles")))).item());
        assertThat(read.problems()).isEmpty();
        assertThat(read.tiles()).isEqualTo(tiles);
        assertThat(read.featuresAsOf(now)).containsEntry("purchases_total", 3L).containsEntry("purchases_24h", 1L)
                .containsEntry("spend_24h_cents", 499L).containsEntry("sessions_7d", 0L);
        assertThat(read.featuresAsOf(now - 2 * 3_600_000L)).as("as of two hours ago").containsEntry("purchases_24h", 2L);
    }

    @Test
    void aVeryActivePlayersItem_atTheLongestWindows_staysSmall() throws Exception {
        // Active in every tile of every window: 288 five-minute tiles of purchases in 24 h, 168 hours of sessions in
        // 7 days, 12 five-minute tiles of activity in the last hour; values as large as a busy player's.
        long now = System.currentTimeMillis();
        java.util.TreeMap<Long, double[]> spend = new java.util.TreeMap<>();
        java.util.TreeMap<Long, double[]> sessions = new java.util.TreeMap<>();
        java.util.TreeMap<Long, double[]> activity = new java.util.TreeMap<>();
        for (int i = 0; i < 288; i++) {
            spend.put(now / 300_000 - i, new double[] {12, 23_988});
        }
        for (int i = 0; i < 168; i++) {
            sessions.put(now / 3_600_000 - i, new double[] {9});
        }
        for (int i = 0; i < 12; i++) {
            activity.put(now / 300_000 - i, new double[] {480, 25});
        }
        Map<String, io.playerlens.contracts.profile.TileSet> tiles = Map.of(
                "spend_24h", new io.playerlens.contracts.profile.TileSet(List.of("purchases", "spend_cents"), spend),
                "sessions_7d", new io.playerlens.contracts.profile.TileSet(List.of("sessions"), sessions),
                "activity_1h", new io.playerlens.contracts.profile.TileSet(List.of("events", "ads"), activity));
        ObjectNode features = JsonNodeFactory.instance.objectNode().put("events_total", 1_234_567).put("platform", "android");
        Map<String, AttributeValue> item = encode(new ProfileRecord("p-busy", "game-1", 0, features, tiles, now, now, now));
        dynamo.putItem(b -> b.tableName(TABLE).item(item));
        long bytes = item.entrySet().stream().mapToLong(e -> e.getKey().length() + (e.getValue().s() != null ? e.getValue().s().length()
                : e.getValue().m() != null ? e.getValue().m().entrySet().stream().mapToLong(m -> m.getKey().length()
                        + (m.getValue().s() != null ? m.getValue().s().length() : 20)).sum() : 20)).sum();
        System.out.printf("very active player's profile item: about %,d bytes (%d tiles)%n", bytes, 288 + 168 + 12);
        assertThat(bytes).as("well under DynamoDB's 400 KB, a few write units").isLessThan(12_000);
        assertThat(ProfileItemCodec.decode(dynamo.getItem(b -> b.tableName(TABLE).key(ProfileItemCodec.key(PlayerKey.of("game-1", "p-busy")))).item())
                .featuresAsOf(now)).containsEntry("purchases_24h", 288L * 12).containsEntry("sessions_7d", 168L * 9).containsEntry("events_1h", 12L * 480);
    }

    private static Map<String, AttributeValue> encode(ProfileRecord record) throws Exception {
        return ProfileItemCodec.encode(record, Duration.ofDays(1));
    }

    @Test
    void anErasuresTombstone_isStored_isNoProfileToReaders_andTellsWhetherTheErasureIsCompleted() throws Exception {
        PlayerKey player = PlayerKey.of("game-1", "p-erased");
        ObjectNode features = JsonNodeFactory.instance.objectNode().put("events_total", 3L);
        dynamo.putItem(b -> b.tableName(TABLE).item(encodeQuietly(new ProfileRecord("p-erased", "game-1", 0, features, 1L, 1L, -1))));
        assertThat(ProfileStore.read(dynamo, TABLE, player)).isPresent();
        assertThat(ProfileStore.erasure(dynamo, TABLE, player)).as("no erasure yet").isEmpty();

        dynamo.putItem(b -> b.tableName(TABLE).item(ProfileItemCodec.tombstone(player, 1_000L, -1, -1)));
        assertThat(ProfileStore.read(dynamo, TABLE, player)).as("a tombstone is no profile").isEmpty();
        assertThat(ProfileStore.features(dynamo, TABLE, player)).isEmpty();
        ProfileItemCodec.Erasure pending = ProfileStore.erasure(dynamo, TABLE, player).orElseThrow();
        assertThat(pending.completed()).isFalse();
        assertThat(pending.requestedAt()).isEqualTo(1_000L);

        dynamo.putItem(b -> b.tableName(TABLE).item(ProfileItemCodec.tombstone(player, 1_000L, 1_200L, 1)));
        ProfileItemCodec.Erasure done = ProfileStore.erasure(dynamo, TABLE, player).orElseThrow();
        assertThat(done.completed()).isTrue();
        assertThat(done.erasedAt()).isEqualTo(1_200L);
        assertThat(done.profileEpoch()).isEqualTo(1);

        dynamo.putItem(b -> b.tableName(TABLE).item(encodeQuietly(new ProfileRecord("p-erased", "game-1", 1, features, 2_000L, 1_900L, -1))));
        assertThat(ProfileStore.read(dynamo, TABLE, player)).as("events after the erasure: a profile of the new epoch").isPresent();
        assertThat(ProfileStore.erasure(dynamo, TABLE, player).orElseThrow().completed()).isTrue();
    }

    private static Map<String, AttributeValue> encodeQuietly(ProfileRecord record) {
        try {
            return ProfileItemCodec.encode(record, Duration.ofDays(1));
        } catch (UnstorableProfileException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void whatTheCodecRefuses_theStoreRefusesToo() {
        for (String refused : List.of("1E-131", "1E+126", "1.23456789012345678901234567890123456789")) {
            List<String> problems = new java.util.ArrayList<>();
            ObjectNode features = JsonNodeFactory.instance.objectNode().put("x", new BigDecimal(refused));
            assertThat(ProfileItemCodec.featureValue(features.get("x"), "features.x", problems)).as(refused).isEmpty();
            assertThat(problems).hasSize(1);

            Map<String, AttributeValue> raw = new HashMap<>(ProfileItemCodec.key(PlayerKey.of("game-1", "p-raw")));
            raw.put(ProfileItem.FEATURES, AttributeValue.fromM(Map.of("x", AttributeValue.fromN(refused))));
            assertThatThrownBy(() -> dynamo.putItem(b -> b.tableName(TABLE).item(raw))).as(refused)
                    .isInstanceOfSatisfying(DynamoDbException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        }
    }
}
