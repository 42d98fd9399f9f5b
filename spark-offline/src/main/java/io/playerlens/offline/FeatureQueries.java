package io.playerlens.offline;

import io.playerlens.contracts.profile.FeatureSqlFiles;
import io.playerlens.contracts.profile.TiledGroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The feature groups as Spark runs them: every file of the contracts' feature folder, read exactly as the feature
 * job reads it. Aggregate groups (one row per player) and windowed groups ({@code .tiles.sql}: one row per player
 * and tile, {@link TiledGroup}) are portable SQL. A Flink-only file ({@code X.flink.sql}, none today) would need its
 * Spark equivalent at {@code playerlens/features-spark/X.spark.sql}; {@link #groups()} fails when one is missing, so
 * a feature cannot be silently absent offline.
 */
public final class FeatureQueries {
    /** A feature group: its name, the Spark SQL over {@code player_events}, and its tiles and windows if windowed. */
    public record Group(String name, String sql, TiledGroup tiled) {
    }

    private FeatureQueries() {
    }

    public static List<Group> groups() {
        List<Group> groups = new ArrayList<>();
        FeatureSqlFiles.read().forEach((file, sql) -> {
            if (file.endsWith(TiledGroup.SUFFIX)) {
                groups.add(new Group(file.substring(0, file.length() - TiledGroup.SUFFIX.length()), strip(sql), TiledGroup.parse(file, sql)));
            } else if (file.contains(".flink.")) {
                String spark = file.replace(".flink.sql", ".spark.sql");
                groups.add(new Group(spark.replace(".spark.sql", ""), read("playerlens/features-spark/" + spark, file), null));
            } else {
                groups.add(new Group(file.replace(".sql", ""), strip(sql), null));
            }
        });
        return groups;
    }

    private static String strip(String sql) {
        return sql.replaceAll(";\\s*$", "");
    }

    private static String read(String resource, String flinkFile) {
        try (InputStream in = FeatureQueries.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing: the Flink-only feature group " + flinkFile
                        + " needs its Spark equivalent there (see docs/offline.md)");
            }
            return strip(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
