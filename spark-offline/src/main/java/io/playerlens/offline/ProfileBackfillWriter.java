package io.playerlens.offline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.event.PlayerKey;
import io.playerlens.contracts.profile.FeatureCatalog;
import io.playerlens.contracts.profile.ProfileItem;
import io.playerlens.contracts.profile.TileSet;
import io.playerlens.contracts.profile.Tiles;
import io.playerlens.store.ProfileItemCodec;
import io.playerlens.store.ProfileRecord;
import io.playerlens.store.UnstorableProfileException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Writes backfilled features without ever overwriting what the stream wrote: a player the table does not know gets
 * a whole item (a conditional put, {@code attribute_not_exists(player_key)}); a player it knows gets only the
 * features its item lacks ({@code SET features.#f = if_not_exists(features.#f, :v)}), so a new feature appears on
 * every profile while the online values stay authoritative. Items are written by the same codec as the feature
 * job's; a profile the store cannot hold is refused, counted ({@code refused}) and logged with its reason. A player whose
 * item is an erasure's tombstone, or a profile of another epoch than the backfill's (an erasure the archive does not
 * hold yet), is not written to ({@code skipped}): the backfill never brings an erased profile back.
 */
final class ProfileBackfillWriter implements ForeachPartitionFunction<Row>, Serializable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProfileBackfillWriter.class);

    private final ProfileTable table;
    private final List<String> features;
    private final Duration itemTtl;
    private final LongAccumulator created;
    private final LongAccumulator completed;
    private final LongAccumulator refused;
    private final LongAccumulator skipped;

    ProfileBackfillWriter(ProfileTable table, List<String> features, Duration itemTtl, LongAccumulator created, LongAccumulator completed,
                          LongAccumulator refused, LongAccumulator skipped) {
        this.skipped = skipped;
        this.table = table;
        this.features = features;
        this.itemTtl = itemTtl;
        this.created = created;
        this.completed = completed;
        this.refused = refused;
    }

    @Override
    public void call(Iterator<Row> rows) {
        try (DynamoDbClient dynamo = table.client()) {
            long now = System.currentTimeMillis();
            while (rows.hasNext()) {
                Row row = rows.next();
                PlayerKey player = PlayerKey.of(row.getAs("game_id"), row.getAs("player_id"));
                ObjectNode values = JsonNodeFactory.instance.objectNode();
                for (String feature : features) {
                    values.set(feature, json(row.getAs(feature)));
                }
                Object receivedAt = row.getAs("received_at");
                ProfileRecord record = new ProfileRecord(player.playerId(), player.gameId(),
                        ((Number) row.getAs("profile_epoch")).intValue(), values, tiles(row, player, now), now,
                        receivedAt == null ? 0 : ((Number) receivedAt).longValue(), -1);
                Map<String, AttributeValue> item;
                try {
                    item = ProfileItemCodec.encode(record, itemTtl);
                } catch (UnstorableProfileException e) {
                    refused.add(1);
                    LOG.error("backfill refused the profile of player {}: {}", player, e.getMessage());
                    continue;
                }
                try {
                    dynamo.putItem(b -> b.tableName(table.name()).item(item).conditionExpression("attribute_not_exists(" + ProfileItem.KEY + ")"));
                    created.add(1);
                } catch (ConditionalCheckFailedException known) {
                    AttributeValue epoch = item.get(ProfileItem.PROFILE_EPOCH);
                    try {
                        fillMissing(dynamo, player, item.get(ProfileItem.FEATURES).m(), epoch);
                        if (item.containsKey(ProfileItem.TILES)) {
                            // An item the stream wrote before windowed features existed gets the archive's tiles; one that has
                            // tiles keeps them (the online tiles are authoritative, as the online values are).
                            dynamo.updateItem(b -> b.tableName(table.name()).key(ProfileItemCodec.key(player))
                                    .updateExpression("SET #tiles = if_not_exists(#tiles, :tiles)")
                                    .conditionExpression("attribute_exists(#features) AND #epoch = :epoch")
                                    .expressionAttributeNames(Map.of("#tiles", ProfileItem.TILES, "#features", ProfileItem.FEATURES,
                                            "#epoch", ProfileItem.PROFILE_EPOCH))
                                    .expressionAttributeValues(Map.of(":tiles", item.get(ProfileItem.TILES), ":epoch", epoch)));
                        }
                    } catch (ConditionalCheckFailedException erasedOrNewer) {
                        // An erasure's tombstone, or a profile of a later epoch than the archive knows (an erasure the
                        // archive does not hold yet): what the backfill computed is older, and is not written.
                        skipped.add(1);
                    }
                }
            }
        }
    }

    /** The row's tiles per windowed group, without the tiles no window can read any more at {@code now}. */
    private static Map<String, TileSet> tiles(Row row, PlayerKey player, long now) {
        Map<String, TileSet> tiles = new TreeMap<>();
        FeatureCatalog.tiledGroups().forEach((name, group) -> {
            int index = java.util.Arrays.asList(row.schema().fieldNames()).indexOf(FeatureComputation.TILES_PREFIX + name);
            if (index < 0 || row.isNullAt(index)) {
                return;
            }
            List<String> problems = new ArrayList<>();
            TileSet set = Tiles.decode(row.getString(index), problems);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("the backfill computed unreadable tiles for player " + player + ": " + problems);
            }
            TreeMap<Long, double[]> live = new TreeMap<>();
            set.tiles().forEach((tile, values) -> {
                if (!Tiles.expired(tile, group, now)) {
                    live.put(tile, values);
                }
            });
            if (!live.isEmpty()) {
                tiles.put(name, new TileSet(set.columns(), live));
            }
        });
        return tiles;
    }

    private static JsonNode json(Object value) {
        if (value == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (value instanceof Long || value instanceof Integer) {
            return JsonNodeFactory.instance.numberNode(((Number) value).longValue());
        }
        if (value instanceof Number) {
            return JsonNodeFactory.instance.numberNode(((Number) value).doubleValue());
        }
        if (value instanceof Boolean) {
            return JsonNodeFactory.instance.booleanNode((Boolean) value);
        }
        return JsonNodeFactory.instance.textNode(value.toString());
    }

    private void fillMissing(DynamoDbClient dynamo, PlayerKey player, Map<String, AttributeValue> values, AttributeValue epoch) {
        StringBuilder expression = new StringBuilder("SET ");
        Map<String, String> names = new HashMap<>(Map.of("#features", ProfileItem.FEATURES, "#epoch", ProfileItem.PROFILE_EPOCH));
        Map<String, AttributeValue> expressionValues = new HashMap<>(Map.of(":epoch", epoch));
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
        dynamo.updateItem(b -> b.tableName(table.name()).key(ProfileItemCodec.key(player))
                .updateExpression(expression.toString()).expressionAttributeNames(names).expressionAttributeValues(expressionValues)
                .conditionExpression("attribute_exists(#features) AND #epoch = :epoch"));
        completed.add(1);
    }
}
