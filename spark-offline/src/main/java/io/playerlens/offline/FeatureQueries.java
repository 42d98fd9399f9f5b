package io.playerlens.offline;

import io.playerlens.contracts.profile.FeatureSqlFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The feature groups as Spark runs them — the one place where the two SQL dialects differ.
 *
 * <ul>
 *   <li>Portable files (no {@code .flink.} in the name, e.g. {@code lifetime.sql}) run verbatim, read from
 *       {@code contracts} exactly as the feature job reads them.</li>
 *   <li>Each {@code X.flink.sql} (event-time {@code OVER} windows on {@code event_time}, Flink-only) has its Spark
 *       equivalent {@code playerlens/features-spark/X.spark.sql} here: the same window on {@code ts} in milliseconds,
 *       taking the row of the player's latest event, as the profile keeps. {@link #groups()} fails when one is
 *       missing, so a new Flink-only feature cannot be silently absent offline.</li>
 * </ul>
 * Offline windows see every event, late ones included (the online windows leave out events behind the watermark):
 * the offline value is the corrected one.
 */
public final class FeatureQueries {
    /** A feature group: its name and the Spark SQL over {@code player_events}. */
    public record Group(String name, String sql, boolean portable) {
    }

    private FeatureQueries() {
    }

    public static List<Group> groups() {
        List<Group> groups = new ArrayList<>();
        FeatureSqlFiles.read().forEach((file, sql) -> {
            if (file.contains(".flink.")) {
                String spark = file.replace(".flink.sql", ".spark.sql");
                groups.add(new Group(spark.replace(".spark.sql", ""), read("playerlens/features-spark/" + spark, file), false));
            } else {
                groups.add(new Group(file.replace(".sql", ""), sql.replaceAll(";\\s*$", ""), true));
            }
        });
        return groups;
    }

    /** The portable groups only: the features the online job and the backfill must agree on exactly. */
    public static List<Group> portable() {
        return groups().stream().filter(Group::portable).toList();
    }

    private static String read(String resource, String flinkFile) {
        try (InputStream in = FeatureQueries.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing: the Flink-only feature group " + flinkFile
                        + " needs its Spark equivalent there (see docs/offline.md)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll(";\\s*$", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
