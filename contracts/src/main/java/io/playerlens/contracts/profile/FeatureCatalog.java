package io.playerlens.contracts.profile;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of the profile features, read from the feature SQL files themselves (their {@code AS name} columns;
 * every file of the folder, {@link FeatureSqlFiles}), so the list a model descriptor is checked against cannot drift
 * from what the feature job computes.
 */
public final class FeatureCatalog {
    /** Columns of a feature group that describe the row rather than being features. */
    public static final Set<String> NOT_FEATURES = Set.of("player_id", "profile_epoch", "event_time", "received_at", "processed_at", "game_id");
    private static final Pattern ALIAS = Pattern.compile("\\bAS\\s+([a-z][a-z0-9_]*)\\s*,?\\s*$", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    private static final Set<String> NAMES = load();

    private FeatureCatalog() {
    }

    public static Set<String> names() {
        return NAMES;
    }

    private static Set<String> load() {
        Set<String> names = new TreeSet<>();
        for (String sql : FeatureSqlFiles.read().values()) {
            Matcher m = ALIAS.matcher(sql);
            while (m.find()) {
                if (!NOT_FEATURES.contains(m.group(1).toLowerCase())) {
                    names.add(m.group(1).toLowerCase());
                }
            }
        }
        return java.util.Collections.unmodifiableSortedSet((TreeSet<String>) names);
    }
}
