package io.playerlens.offline;

import io.playerlens.contracts.profile.ProfileItem;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Writes backfilled features without ever overwriting what the stream wrote: a player the table does not know gets
 * a whole item (a conditional put, {@code attribute_not_exists(player_id)}); a player it knows gets only the
 * features its item lacks ({@code SET features.#f = if_not_exists(features.#f, :v)}), so a new feature appears on
 * every profile while the online values stay authoritative.
 */
final class ProfileBackfillWriter implements ForeachPartitionFunction<Row>, Serializable {
    private final ProfileTable table;
    private final List<String> features;
    private final long itemTtlSeconds;
    private final LongAccumulator created;
    private final LongAccumulator completed;

    ProfileBackfillWriter(ProfileTable table, List<String> features, long itemTtlSeconds, LongAccumulator created, LongAccumulator completed) {
        this.table = table;
        this.features = features;
        this.itemTtlSeconds = itemTtlSeconds;
        this.created = created;
        this.completed = completed;
    }

    @Override
    public void call(Iterator<Row> rows) {
        try (DynamoDbClient dynamo = table.client()) {
            long now = System.currentTimeMillis();
            while (rows.hasNext()) {
                Row row = rows.next();
                Map<String, AttributeValue> values = new HashMap<>();
                for (String feature : features) {
                    values.put(feature, attribute(row.getAs(feature)));
                }
                String player = row.getAs("player_id");
                Map<String, AttributeValue> item = new HashMap<>();
                item.put(ProfileItem.PLAYER_ID, AttributeValue.fromS(player));
                Object game = row.getAs("game_id");
                if (game != null) {
                    item.put(ProfileItem.GAME_ID, AttributeValue.fromS(game.toString()));
                }
                item.put(ProfileItem.FEATURES, AttributeValue.fromM(values));
                item.put(ProfileItem.UPDATED_AT, AttributeValue.fromN(Long.toString(now)));
                Object receivedAt = row.getAs("received_at");
                item.put(ProfileItem.RECEIVED_AT, AttributeValue.fromN(String.valueOf(receivedAt == null ? 0 : receivedAt)));
                item.put(ProfileItem.PROFILE_EPOCH, AttributeValue.fromN(String.valueOf((Object) row.getAs("profile_epoch"))));
                item.put(ProfileItem.EXPIRES_AT, AttributeValue.fromN(Long.toString(now / 1000 + itemTtlSeconds)));
                try {
                    dynamo.putItem(b -> b.tableName(table.name()).item(item).conditionExpression("attribute_not_exists(player_id)"));
                    created.add(1);
                } catch (ConditionalCheckFailedException known) {
                    fillMissing(dynamo, player, values);
                }
            }
        }
    }

    private void fillMissing(DynamoDbClient dynamo, String player, Map<String, AttributeValue> values) {
        StringBuilder expression = new StringBuilder("SET ");
        Map<String, String> names = new HashMap<>(Map.of("#features", ProfileItem.FEATURES));
        Map<String, AttributeValue> expressionValues = new HashMap<>();
        int i = 0;
        for (Map.Entry<String, AttributeValue> feature : values.entrySet()) {
            if (i > 0) {
                expression.append(", ");
            }
            expression.append("#features.#f").append(i).append(" = if_not_exists(#features.#f").append(i).append(", :v").append(i).append(')');
            names.put("#f" + i, feature.getKey());
            expressionValues.put(":v" + i, feature.getValue());
            i++;
        }
        dynamo.updateItem(b -> b.tableName(table.name()).key(Map.of(ProfileItem.PLAYER_ID, AttributeValue.fromS(player)))
                .updateExpression(expression.toString()).expressionAttributeNames(names).expressionAttributeValues(expressionValues)
                .conditionExpression("attribute_exists(#features)"));
        completed.add(1);
    }

    static AttributeValue attribute(Object value) {
        if (value == null) {
            return AttributeValue.fromNul(true);
        }
        if (value instanceof Number number) {
            if (number instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9e15) {
                return AttributeValue.fromN(Long.toString(d.longValue()));
            }
            return AttributeValue.fromN(number.toString());
        }
        if (value instanceof Boolean bool) {
            return AttributeValue.fromBool(bool);
        }
        return AttributeValue.fromS(value.toString());
    }
}
