package io.playerlens.features;

import io.playerlens.contracts.profile.FeatureSqlFiles;
import java.util.ArrayList;
import java.util.List;

/**
 * One feature group: a SQL file from {@code playerlens/features/} in the contracts module. Files ending in
 * {@code .flink.sql} are Flink-only (event-time windows); the others are portable to Spark.
 *
 * @param name the file name without its extensions, e.g. {@code lifetime}
 * @param sql the query, comments removed
 */
public final class FeatureGroup {
    private final String name;
    private final String sql;

    public FeatureGroup(String name, String sql) {
        this.name = name;
        this.sql = sql;
    }

    public String name() {
        return name;
    }

    public String sql() {
        return sql;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FeatureGroup)) {
            return false;
        }
        FeatureGroup that = (FeatureGroup) o;
        return java.util.Objects.equals(name, that.name) && java.util.Objects.equals(sql, that.sql);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, sql);
    }

    @Override
    public String toString() {
        return "FeatureGroup[" + "name=" + name + ", " + "sql=" + sql + "]";
    }

    public static final String FOLDER = FeatureSqlFiles.FOLDER;

    /** Every group in the folder ({@link FeatureSqlFiles}), sorted by name, so the job graph is stable across runs. */
    public static List<FeatureGroup> loadAll() {
        List<FeatureGroup> groups = new ArrayList<>();
        FeatureSqlFiles.read().forEach((file, sql) -> groups.add(fromSql(file, sql)));
        return groups;
    }

    public static FeatureGroup fromSql(String fileName, String sql) {
        return new FeatureGroup(fileName.replaceAll("\\.flink\\.sql$|\\.sql$", ""), stripComments(sql));
    }


    private static String stripComments(String sql) {
        StringBuilder out = new StringBuilder();
        for (String line : sql.split("\n")) {
            int comment = line.indexOf("--");
            out.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
        }
        return out.toString().trim();
    }
}
