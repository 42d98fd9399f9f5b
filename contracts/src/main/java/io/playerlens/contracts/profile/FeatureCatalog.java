package io.playerlens.contracts.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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
    private static final Set<String> NAMES = load();

    private FeatureCatalog() {
    }

    public static Set<String> names() {
        return NAMES;
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

    private static Set<String> load() {
        Set<String> names = new TreeSet<>();
        FeatureSqlFiles.read().forEach((file, sql) -> {
            if (file.endsWith(TiledGroup.SUFFIX)) {
                return;
            }
            Matcher m = ALIAS.matcher(sql);
            while (m.find()) {
                if (!NOT_FEATURES.contains(m.group(1).toLowerCase())) {
                    names.add(m.group(1).toLowerCase());
                }
            }
        });
        TILED.values().forEach(group -> group.windows().forEach(w -> names.add(w.feature())));
        return Collections.unmodifiableSortedSet((TreeSet<String>) names);
    }
}
