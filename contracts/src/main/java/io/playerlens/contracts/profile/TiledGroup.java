package io.playerlens.contracts.profile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A windowed feature group: a {@code .tiles.sql} file whose query returns, per player, profile epoch and tile (a
 * fixed slice of event time), additive columns; and whose header declares the tile size and each windowed feature
 * as the sum of a column over a window. The feature job keeps the tiles in the profile; every reader sums the tiles
 * inside the window at its read time ({@link Tiles}). Header:
 *
 * <pre>
 * -- tile: 5 minutes
 * -- window: purchases_24h = SUM(purchases) over 24 hours
 * </pre>
 *
 * and the query's tile column is {@code CAST(FLOOR(ts / <tile in ms>) AS BIGINT) AS tile}.
 */
public final class TiledGroup implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** The query's column holding the tile index: {@code floor(ts / tileMillis)}. */
    public static final String TILE_COLUMN = "tile";
    public static final String SUFFIX = ".tiles.sql";
    private static final Pattern TILE = Pattern.compile("^--\\s*tile:\\s*(\\d+)\\s*(minute|minutes|hour|hours|day|days)\\s*$",
            Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);
    private static final Pattern WINDOW = Pattern.compile(
            "^--\\s*window:\\s*([a-z][a-z0-9_]*)\\s*=\\s*SUM\\(\\s*([a-z][a-z0-9_]*)\\s*\\)\\s*over\\s*(\\d+)\\s*(minute|minutes|hour|hours|day|days)\\s*$",
            Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);

    /** One windowed feature: the sum of a tile column over the window ending at the read time. */
    public static final class Window implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final String feature;
        private final String column;
        private final long millis;

        public Window(String feature, String column, long millis) {
            this.feature = feature;
            this.column = column;
            this.millis = millis;
        }

        public String feature() {
            return feature;
        }

        public String column() {
            return column;
        }

        public long millis() {
            return millis;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Window && ((Window) o).feature.equals(feature) && ((Window) o).column.equals(column) && ((Window) o).millis == millis;
        }

        @Override
        public int hashCode() {
            return Objects.hash(feature, column, millis);
        }

        @Override
        public String toString() {
            return feature + " = SUM(" + column + ") over " + millis + " ms";
        }
    }

    private final String name;
    private final long tileMillis;
    private final List<Window> windows;

    public TiledGroup(String name, long tileMillis, List<Window> windows) {
        this.name = name;
        this.tileMillis = tileMillis;
        this.windows = List.copyOf(windows);
    }

    public String name() {
        return name;
    }

    public long tileMillis() {
        return tileMillis;
    }

    public List<Window> windows() {
        return windows;
    }

    /** The tile columns the windows sum, in order of first use. */
    public List<String> columns() {
        LinkedHashSet<String> columns = new LinkedHashSet<>();
        windows.forEach(w -> columns.add(w.column()));
        return new ArrayList<>(columns);
    }

    /** The longest window: a tile older than this can never be read again. */
    public long maxWindowMillis() {
        return windows.stream().mapToLong(Window::millis).max().orElse(0);
    }

    /**
     * Reads a {@code .tiles.sql} file's header and checks it against its query.
     *
     * @throws IllegalArgumentException naming every problem
     */
    public static TiledGroup parse(String fileName, String sql) {
        String name = fileName.endsWith(SUFFIX) ? fileName.substring(0, fileName.length() - SUFFIX.length()) : fileName;
        List<String> problems = new ArrayList<>();
        Matcher tile = TILE.matcher(sql);
        long tileMillis = 0;
        if (!tile.find()) {
            problems.add("needs a header line '-- tile: <n> minutes|hours|days'");
        } else {
            tileMillis = millis(Long.parseLong(tile.group(1)), tile.group(2));
            if (tileMillis <= 0) {
                problems.add("the tile must be longer than 0");
            } else if (!sql.replaceAll("\\s+", "").contains("FLOOR(ts/" + tileMillis + ")")) {
                problems.add("its query must compute the tile as CAST(FLOOR(ts / " + tileMillis + ") AS BIGINT) AS " + TILE_COLUMN
                        + " (the header's tile in milliseconds)");
            }
        }
        List<Window> windows = new ArrayList<>();
        Matcher window = WINDOW.matcher(sql);
        while (window.find()) {
            long millis = millis(Long.parseLong(window.group(3)), window.group(4));
            if (tileMillis > 0 && (millis < tileMillis || millis % tileMillis != 0)) {
                problems.add("window " + window.group(1) + " must be a whole number of tiles (" + tileMillis + " ms)");
            }
            windows.add(new Window(window.group(1).toLowerCase(Locale.ROOT), window.group(2).toLowerCase(Locale.ROOT), millis));
        }
        if (windows.isEmpty()) {
            problems.add("needs at least one header line '-- window: <feature> = SUM(<column>) over <n> minutes|hours|days'");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("feature file " + fileName + ": " + String.join("; ", problems));
        }
        return new TiledGroup(name, tileMillis, Collections.unmodifiableList(windows));
    }

    private static long millis(long amount, String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.startsWith("minute")) {
            return amount * 60_000L;
        }
        if (u.startsWith("hour")) {
            return amount * 3_600_000L;
        }
        return amount * 86_400_000L;
    }

    @Override
    public String toString() {
        return "TiledGroup[" + name + ", tile " + tileMillis + " ms, " + windows + "]";
    }
}
