package io.playerlens.features;

import io.playerlens.contracts.profile.FeatureSqlFiles;
import io.playerlens.contracts.profile.TiledGroup;
import java.util.ArrayList;
import java.util.List;

/**
 * One feature group: a SQL file from {@code playerlens/features/} in the contracts module — an aggregate group (one
 * row per player) or a windowed group ({@code .tiles.sql}: one row per player and tile, {@link TiledGroup}).
 *
 * @param name the file name without its extensions, e.g. {@code lifetime}
 * @param sql the query, comments removed
 */
public final class FeatureGroup {
    private final String name;
    private final String sql;
    private final TiledGroup tiled;

    public FeatureGroup(String name, String sql) {
        this(name, sql, null);
    }

    public FeatureGroup(String name, String sql, TiledGroup tiled) {
        this.name = name;
        this.sql = sql;
        this.tiled = tiled;
    }

    /** The windowed group's tiles and windows; null for an aggregate group. */
    public TiledGroup tiled() {
        return tiled;
    }

    /**
     * The query as the feature job runs it. A windowed group's state (one row per player and tile) only lives as long
     * as a tile can still be read: a {@code STATE_TTL} hint of its longest window plus a tile and an hour, instead of
     * the job's state TTL.
     */
    public String jobSql() {
        if (tiled == null) {
            return sql;
        }
        long ttl = tiled.maxWindowMillis() + tiled.tileMillis() + 3_600_000L;
        return sql.replaceFirst("(?i)^\\s*SELECT", "SELECT /*+ STATE_TTL('player_events' = '" + ttl + " ms') */");
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
        TiledGroup tiled = fileName.endsWith(TiledGroup.SUFFIX) ? TiledGroup.parse(fileName, sql) : null;
        return new FeatureGroup(fileName.replaceAll("\\.tiles\\.sql$|\\.flink\\.sql$|\\.sql$", ""), stripComments(sql), tiled);
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
