package io.playerlens.offline;

import io.playerlens.contracts.profile.FeatureCatalog;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs every feature group over the {@code player_events} view and joins them into one row per player and profile
 * epoch: {@code player_id, profile_epoch, game_id, received_at} and one column per feature, as the profile item has.
 */
public final class FeatureComputation {
    static final Set<String> KEYS = Set.of("player_id", "profile_epoch");

    private FeatureComputation() {
    }

    public static Dataset<Row> compute(SparkSession spark, List<FeatureQueries.Group> groups) {
        Dataset<Row> joined = null;
        for (FeatureQueries.Group group : groups) {
            Dataset<Row> rows = spark.sql(group.sql()).drop("processed_at", "event_time");
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
        return joined;
    }

    /** The feature columns of a computed frame, in order. */
    public static List<String> featureColumns(Dataset<Row> features) {
        Set<String> names = new LinkedHashSet<>();
        for (String column : features.columns()) {
            if (!FeatureCatalog.NOT_FEATURES.contains(column)) {
                names.add(column);
            }
        }
        return new ArrayList<>(names);
    }

}
