package io.playerlens.lambda;

import io.playerlens.contracts.profile.ProfileItem;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads profile items (written by the feature job) and turns their feature map into plain Java values. */
public final class ProfileItems {
    private ProfileItems() {
    }

    /** The player's item, if any. */
    public static Optional<Map<String, AttributeValue>> get(DynamoDbClient dynamo, String table, String playerId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(Map.of(ProfileItem.PLAYER_ID, AttributeValue.fromS(playerId)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** Feature name → Long, Double, String, Boolean or null, sorted by name. */
    public static Map<String, Object> features(Map<String, AttributeValue> item) {
        Map<String, Object> values = new TreeMap<>();
        AttributeValue features = item.get(ProfileItem.FEATURES);
        if (features == null || features.m() == null) {
            return values;
        }
        features.m().forEach((name, value) -> values.put(name, plain(value)));
        return values;
    }

    private static Object plain(AttributeValue value) {
        if (value.n() != null) {
            BigDecimal n = new BigDecimal(value.n());
            return n.stripTrailingZeros().scale() <= 0 ? (Object) n.longValueExact() : (Object) n.doubleValue();
        }
        if (value.s() != null) {
            return value.s();
        }
        if (value.bool() != null) {
            return value.bool();
        }
        return null;
    }
}
