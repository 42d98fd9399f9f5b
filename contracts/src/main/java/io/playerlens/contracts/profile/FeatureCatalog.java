package io.playerlens.contracts.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The profile features, read from the feature SQL files themselves (every file of the folder, {@link FeatureSqlFiles}),
 * so the list a model descriptor is checked against cannot drift from what the feature job computes: the {@code AS
 * name} columns of the aggregate files, and the windowed features each {@code .tiles.sql} file declares
 * ({@link TiledGroup}).
 */
public final class FeatureCatalog {
    /** Columns of a feature group that describe the row rather than being features. */
    public static final Set<String> NOT_FEATURES = Set.of("player_id", "profile_epoch", "event_time", "received_at", "processed_at", "game_id",
            TiledGroup.TILE_COLUMN);
    private static final Pattern ALIAS = Pattern.compile("\\bAS\\s+([a-z][a-z0-9_]*)\\s*,?\\s*$", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    private static final Map<String, TiledGroup> TILED = loadTiled();
    private static final Map<String, Kind> KINDS = loadKinds();
    private static final Set<String> NAMES = Collections.unmodifiableSortedSet(new TreeSet<>(KINDS.keySet()));

    /** What a feature's value is: a number (counts, sums, timestamps) or text (a platform, a country). */
    public enum Kind { NUMBER, TEXT }

    private FeatureCatalog() {
    }

    public static Set<String> names() {
        return NAMES;
    }

    /**
     * Each feature's kind, read from its SQL expression: text when the expression yields a string ({@code SUBSTRING},
     * {@code CONCAT}, {@code CAST(... AS STRING)}, {@code LOWER}/{@code UPPER}), a number otherwise; windowed features
     * are counts and sums. The feature job checks this against the planner's resolved types when it builds
     * ({@code FeaturePipeline}), so a SQL change that fools this reading fails the job's tests, not a model at serving.
     */
    public static Map<String, Kind> kinds() {
        return KINDS;
    }

    /** The kind of a feature of {@link #names()}. */
    public static Kind kind(String feature) {
        Kind kind = KINDS.get(feature);
        if (kind == null) {
            throw new IllegalArgumentException("not a profile feature: " + feature);
        }
        return kind;
    }

    /** The windowed groups by name (the {@code .tiles.sql} files), in file order. */
    public static Map<String, TiledGroup> tiledGroups() {
        return TILED;
    }

    private static Map<String, TiledGroup> loadTiled() {
        Map<String, TiledGroup> groups = new LinkedHashMap<>();
        FeatureSqlFiles.read().forEach((file, sql) -> {
            if (file.endsWith(TiledGroup.SUFFIX)) {
                TiledGroup group = TiledGroup.parse(file, sql);
                groups.put(group.name(), group);
            }
        });
        return Collections.unmodifiableMap(groups);
    }

    private static Map<String, Kind> loadKinds() {
        Map<String, Kind> kinds = new TreeMap<>();
        FeatureSqlFiles.read().forEach((file, sql) -> {
            if (file.endsWith(TiledGroup.SUFFIX)) {
                return;
            }
            Matcher m = ALIAS.matcher(sql);
            int previousEnd = 0;
            while (m.find()) {
                String name = m.group(1).toLowerCase();
                if (!NOT_FEATURES.contains(name)) {
                    kinds.put(name, kindOf(lastSelectItem(sql.substring(previousEnd, m.start()))));
                }
                previousEnd = m.end();
            }
        });
        TILED.values().forEach(group -> group.windows().forEach(w -> kinds.put(w.feature(), Kind.NUMBER)));
        return Collections.unmodifiableMap(kinds);
    }

    /** The text after the last comma outside parentheses: the expression of the alias that follows it. */
    private static String lastSelectItem(String sqlText) {
        String text = sqlText.replaceAll("--[^\n]*", "");
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                start = i + 1;
            }
        }
        return text.substring(start).trim();
    }

    private static Kind kindOf(String expression) {
        String e = expression.toUpperCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
        boolean text = e.startsWith("SUBSTRING(") || e.startsWith("CONCAT(") || e.startsWith("LOWER(") || e.startsWith("UPPER(")
                || e.matches("CAST\\(.* AS (STRING|VARCHAR(\\(\\d+\\))?|CHAR(\\(\\d+\\))?)\\)");
        return text ? Kind.TEXT : Kind.NUMBER;
    }
}
