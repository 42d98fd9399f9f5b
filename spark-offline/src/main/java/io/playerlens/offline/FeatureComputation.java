package io.playerlens.offline;

import io.playerlens.contracts.profile.FeatureCatalog;
import io.playerlens.contracts.profile.TileSet;
import io.playerlens.contracts.profile.TiledGroup;
import io.playerlens.contracts.profile.Tiles;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.types.DataTypes;

/**
 * Runs every feature group over the {@code player_events} view and joins them into one row per player and profile
 * epoch: {@code game_id, player_id, profile_epoch, received_at}, one column per feature — the windowed ones as of a
 * time ({@link AsOf}), summed from the group's tiles by the one rule every reader uses ({@link Tiles#inWindow}, a
 * UDF here) — and, per windowed group, its tiles in the profile item's compact form ({@code tiles_<group>}).
 */
public final class FeatureComputation {
    static final List<String> KEYS = List.of("game_id", "player_id", "profile_epoch");
    /** Prefix of the columns holding each windowed group's tiles (not features). */
    public static final String TILES_PREFIX = "tiles_";
    static final String IN_WINDOW_UDF = "playerlens_tile_in_window";
    static final String AS_OF_VIEW = "playerlens_as_of";

    /** When windowed features are read: one time for every player, or each key's own time (a training example's). */
    public record AsOf(long millis, String view) {
        public static AsOf at(long millis) {
            return new AsOf(millis, null);
        }

        /** @param view a view of {@code game_id, player_id} (the key the SQL groups by) and {@code as_of} (epoch millis) */
        public static AsOf byKey(String view) {
            return new AsOf(0, view);
        }
    }

    private FeatureComputation() {
    }

    public static Dataset<Row> compute(SparkSession spark, List<FeatureQueries.Group> groups, AsOf asOf) {
        spark.udf().register(IN_WINDOW_UDF, (UDF4<Long, Long, Long, Long, Boolean>) (tile, tileMillis, windowMillis, at) ->
                tile != null && at != null && Tiles.inWindow(tile, tileMillis, windowMillis, at), DataTypes.BooleanType);
        Dataset<Row> joined = null;
        for (FeatureQueries.Group group : groups) {
            Dataset<Row> rows = group.tiled() == null ? spark.sql(group.sql()).drop("processed_at", "event_time") : windowed(spark, group, asOf);
            if (joined == null) {
                joined = rows;
                continue;
            }
            // Descriptive columns come from the first (lifetime) group; later groups add features only.
            for (String column : rows.columns()) {
                if (!KEYS.contains(column) && List.of(joined.columns()).contains(column)) {
                    rows = rows.drop(column);
                }
            }
            joined = joined.join(rows, scala.collection.JavaConverters.asScalaBuffer(new ArrayList<>(KEYS)).toSeq(), "left");
        }
        // A player with no tile of a group has none of its activity in any window: 0, as every reader computes it.
        for (FeatureQueries.Group group : groups) {
            if (group.tiled() != null) {
                for (TiledGroup.Window window : group.tiled().windows()) {
                    joined = joined.withColumn(window.feature(), org.apache.spark.sql.functions.coalesce(
                            org.apache.spark.sql.functions.col(window.feature()), org.apache.spark.sql.functions.lit(0L)));
                }
            }
        }
        return joined;
    }

    /** A windowed group: its tile rows summed per window as of {@code asOf}, and its tiles encoded for the profile item. */
    private static Dataset<Row> windowed(SparkSession spark, FeatureQueries.Group group, AsOf asOf) {
        TiledGroup tiled = group.tiled();
        String tilesView = "tiles_of_" + group.name();
        spark.sql(group.sql()).createOrReplaceTempView(tilesView);
        String at = asOf.view() == null ? "CAST(" + asOf.millis() + " AS BIGINT)" : "a.as_of";
        StringBuilder sql = new StringBuilder("SELECT t.game_id, t.player_id, t.profile_epoch");
        for (TiledGroup.Window window : tiled.windows()) {
            sql.append(",\n  CAST(SUM(CASE WHEN ").append(IN_WINDOW_UDF).append("(t.tile, CAST(").append(tiled.tileMillis()).append(" AS BIGINT), CAST(")
                    .append(window.millis()).append(" AS BIGINT), ").append(at).append(") THEN t.").append(window.column())
                    .append(" ELSE 0 END) AS BIGINT) AS ").append(window.feature());
        }
        sql.append(",\n  COLLECT_LIST(STRUCT(t.tile").append(tiled.columns().stream().map(c -> ", CAST(t." + c + " AS DOUBLE) AS " + c)
                .reduce("", String::concat)).append(")) AS tile_rows");
        sql.append("\nFROM ").append(tilesView).append(" t");
        if (asOf.view() != null) {
            sql.append(" JOIN ").append(asOf.view()).append(" a ON a.game_id = t.game_id AND a.player_id = t.player_id");
        }
        sql.append("\nGROUP BY t.game_id, t.player_id, t.profile_epoch");
        List<String> columns = tiled.columns();
        spark.udf().register("playerlens_encode_tiles_" + group.name(), (org.apache.spark.sql.api.java.UDF1<scala.collection.Seq<Row>, String>) rows -> {
            TreeMap<Long, double[]> tiles = new TreeMap<>();
            for (Row row : scala.collection.JavaConverters.seqAsJavaList(rows)) {
                double[] values = new double[columns.size()];
                for (int i = 0; i < columns.size(); i++) {
                    Object v = row.get(i + 1);
                    values[i] = v == null ? 0 : ((Number) v).doubleValue();
                }
                tiles.put(((Number) row.get(0)).longValue(), values);
            }
            return Tiles.encode(new TileSet(columns, tiles));
        }, DataTypes.StringType);
        return spark.sql(sql.toString()).selectExpr(selectWindowed(tiled, group.name()));
    }

    private static String[] selectWindowed(TiledGroup tiled, String group) {
        List<String> select = new ArrayList<>(KEYS);
        tiled.windows().forEach(w -> select.add(w.feature()));
        select.add("playerlens_encode_tiles_" + group + "(tile_rows) AS " + TILES_PREFIX + group);
        return select.toArray(String[]::new);
    }

    /** The feature columns of a computed frame, in order (tiles and descriptive columns left out). */
    public static List<String> featureColumns(Dataset<Row> features) {
        Set<String> names = new LinkedHashSet<>();
        for (String column : features.columns()) {
            if (!FeatureCatalog.NOT_FEATURES.contains(column) && !column.startsWith(TILES_PREFIX)) {
                names.add(column);
            }
        }
        return new ArrayList<>(names);
    }

    /** The stored features among them: what the profile item holds as values (windowed features are summed from tiles). */
    public static List<String> storedFeatures(List<String> features) {
        Set<String> windowed = new LinkedHashSet<>();
        FeatureCatalog.tiledGroups().values().forEach(g -> g.windows().forEach(w -> windowed.add(w.feature())));
        return features.stream().filter(f -> !windowed.contains(f)).toList();
    }
}
