package io.playerlens.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        aws.createTable(TABLE, ProfileItem.PLAYER_ID);
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
        StoredProfile read = ProfileItemCodec.decode(dynamo.getItem(b -> b.tableName(TABLE).key(ProfileItemCodec.key("p-edges"))).item());

        assertThat(read.problems()).isEmpty();
        assertThat(read.features()).containsEntry("long_max", Long.MAX_VALUE).containsEntry("long_min", Long.MIN_VALUE)
                .containsEntry("smallest", 1e-130).containsEntry("largest", 9.99999999999999e125).containsEntry("negative_zero", 0L)
                .containsEntry("platform", "ios \ud83d\ude00").containsEntry("level_max", null).containsEntry("flag", true)
                .containsEntry("double", 0.30000000000000004);
        assertThat(read.profileEpoch()).isEqualTo(2);
        assertThat(read.processedAt()).isEqualTo(1_794_999_999_500L);
    }

    @Test
    void whatTheCodecRefuses_theStoreRefusesToo() {
        for (String refused : List.of("1E-131", "1E+126", "1.23456789012345678901234567890123456789")) {
            List<String> problems = new java.util.ArrayList<>();
            ObjectNode features = JsonNodeFactory.instance.objectNode().put("x", new BigDecimal(refused));
            assertThat(ProfileItemCodec.featureValue(features.get("x"), "features.x", problems)).as(refused).isEmpty();
            assertThat(problems).hasSize(1);

            Map<String, AttributeValue> raw = new HashMap<>(ProfileItemCodec.key("p-raw"));
            raw.put(ProfileItem.FEATURES, AttributeValue.fromM(Map.of("x", AttributeValue.fromN(refused))));
            assertThatThrownBy(() -> dynamo.putItem(b -> b.tableName(TABLE).item(raw))).as(refused)
                    .isInstanceOfSatisfying(DynamoDbException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        }
    }
}
