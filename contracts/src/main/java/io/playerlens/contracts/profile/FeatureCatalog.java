package io.playerlens.contracts.profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of the profile features, read from the feature SQL files themselves (their {@code AS name} columns),
 * so the list a model descriptor is checked against cannot drift from what the feature job computes.
 */
public final class FeatureCatalog {
    /** The SQL files, in {@code playerlens/features/}. A new file must be listed here to be checked by models. */
    public static final String[] FILES = {"lifetime.sql", "spend_24h.flink.sql", "sessions_7d.flink.sql"};
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
        for (String file : FILES) {
            String resource = "playerlens/features/" + file;
            try (InputStream in = FeatureCatalog.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is not on the classpath");
                }
                Matcher m = ALIAS.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                while (m.find()) {
                    if (!NOT_FEATURES.contains(m.group(1).toLowerCase())) {
                        names.add(m.group(1).toLowerCase());
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + resource, e);
            }
        }
        return java.util.Collections.unmodifiableSortedSet((TreeSet<String>) names);
    }
}
