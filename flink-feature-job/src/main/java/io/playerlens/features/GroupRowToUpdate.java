package io.playerlens.features;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.Collector;

/**
 * Turns a feature group's changelog row into a {@link FeatureUpdate}. Retractions (UPDATE_BEFORE, DELETE) are
 * dropped: the sink writes whole items, so only the new value of a row matters.
 */
public class GroupRowToUpdate implements FlatMapFunction<Row, FeatureUpdate> {
    static final String GAME_ID = "game_id";
    static final String PLAYER_ID = "player_id";
    static final String PROFILE_EPOCH = "profile_epoch";
    static final String TILE = io.playerlens.contracts.profile.TiledGroup.TILE_COLUMN;
    static final String RECEIVED_AT = "received_at";
    static final String PROCESSED_AT = "processed_at";
    /** The columns every group returns and groups by: the player is (game, player), its counting restarts with each epoch. */
    static final List<String> KEY_COLUMNS = List.of(GAME_ID, PLAYER_ID, PROFILE_EPOCH);
    /** Columns that describe the row rather than being features. */
    static final Set<String> RESERVED = Set.of(PLAYER_ID, PROFILE_EPOCH, TILE, RECEIVED_AT, PROCESSED_AT, GAME_ID);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String group;
    private final List<String> columns;

    public GroupRowToUpdate(String group, List<String> columns) {
        this.group = group;
        this.columns = columns;
    }

    @Override
    public void flatMap(Row row, Collector<FeatureUpdate> out) {
        if (row.getKind() == RowKind.UPDATE_BEFORE || row.getKind() == RowKind.DELETE) {
            return;
        }
        FeatureUpdate update = new FeatureUpdate();
        update.group = group;
        ObjectNode features = MAPPER.createObjectNode();
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            Object value = row.getField(i);
            switch (column) {
                case PLAYER_ID:
                    update.playerId = (String) value;
                    break;
                case PROFILE_EPOCH:
                    update.profileEpoch = ((Number) value).intValue();
                    break;
                case TILE:
                    update.tile = value == null ? -1 : ((Number) value).longValue();
                    break;
                case RECEIVED_AT:
                    update.receivedAt = value == null ? -1 : ((Number) value).longValue();
                    break;
                case PROCESSED_AT:
                    update.processedAt = value == null ? -1 : ((Number) value).longValue();
                    break;
                case GAME_ID:
                    update.gameId = (String) value;
                    break;
                default:
                    put(features, column, value);
            }
        }
        update.featuresJson = features.toString();
        out.collect(update);
    }

    private static long epochMillis(Object value) {
        if (value instanceof Instant) {
            return ((Instant) value).toEpochMilli();
        }
        if (value instanceof LocalDateTime) {
            return ((LocalDateTime) value).toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        return value == null ? -1 : ((Number) value).longValue();
    }

    private static void put(ObjectNode features, String name, Object value) {
        if (value == null) {
            features.putNull(name);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            features.put(name, ((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            features.put(name, ((Number) value).doubleValue());
        } else if (value instanceof BigDecimal) {
            features.put(name, (BigDecimal) value);
        } else if (value instanceof Boolean) {
            features.put(name, (Boolean) value);
        } else if (value instanceof Instant || value instanceof LocalDateTime) {
            features.put(name, epochMillis(value));
        } else {
            features.put(name, value.toString());
        }
    }
}
