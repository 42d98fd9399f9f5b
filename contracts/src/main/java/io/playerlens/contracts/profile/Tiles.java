package io.playerlens.contracts.profile;

import io.playerlens.contracts.event.Unicode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Windowed features from tiles, the one implementation every reader uses (profile API, models, backfill, parity,
 * training sets): a window of length W read at time t sums every tile that overlaps {@code [t − W, t]} and starts no
 * later than t. A tile is {@code [index × tile, (index + 1) × tile)} of event time.
 *
 * <p>Error bound: the window is widened to whole tiles at its trailing edge, so it may count up to one tile (less
 * than {@code tile}) of events older than {@code t − W} — never fewer than the events of {@code [t − W, t]} the
 * profile holds. Tiles of events after t are left out, so a read as of a past time sees only what had happened.
 */
public final class Tiles {
    private Tiles() {
    }

    /** Whether the tile counts in a window of {@code windowMillis} read at {@code asOfMillis}. */
    public static boolean inWindow(long tile, long tileMillis, long windowMillis, long asOfMillis) {
        long start = tile * tileMillis;
        return start <= asOfMillis && start + tileMillis > asOfMillis - windowMillis;
    }

    /** Whether no window of the group read at {@code nowMillis} or later can count the tile (the writer drops it). */
    public static boolean expired(long tile, TiledGroup group, long nowMillis) {
        return tile * group.tileMillis() + group.tileMillis() <= nowMillis - group.maxWindowMillis();
    }

    /** The group's windowed features as of {@code asOfMillis}: feature → the sum (a whole number when every value is one). */
    public static Map<String, Object> windowed(TiledGroup group, TileSet tiles, long asOfMillis) {
        Map<String, Object> features = new LinkedHashMap<>();
        for (TiledGroup.Window window : group.windows()) {
            int column = tiles == null ? -1 : tiles.columns().indexOf(window.column());
            double sum = 0;
            if (column >= 0) {
                for (Map.Entry<Long, double[]> tile : tiles.tiles().entrySet()) {
                    if (inWindow(tile.getKey(), group.tileMillis(), window.millis(), asOfMillis) && column < tile.getValue().length) {
                        sum += tile.getValue()[column];
                    }
                }
            }
            features.put(window.feature(), sum == Math.rint(sum) && Math.abs(sum) < 9.0e15 ? (Object) (long) sum : (Object) sum);
        }
        return features;
    }

    /** Compact text form, one attribute per group: {@code "col1,col2|index:v1,v2;index:v1,v2"}. */
    public static String encode(TileSet set) {
        StringBuilder text = new StringBuilder(String.join(",", set.columns())).append('|');
        boolean first = true;
        for (Map.Entry<Long, double[]> tile : set.tiles().entrySet()) {
            if (!first) {
                text.append(';');
            }
            first = false;
            text.append(tile.getKey()).append(':');
            double[] values = tile.getValue();
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    text.append(',');
                }
                text.append(number(values[i]));
            }
        }
        return text.toString();
    }

    /** Reads {@link #encode}'s form; what it cannot read goes to {@code problems} (never throws). */
    public static TileSet decode(String text, List<String> problems) {
        SortedMap<Long, double[]> tiles = new TreeMap<>();
        int bar = text == null ? -1 : text.indexOf('|');
        if (bar < 0) {
            problems.add("tiles are not in the 'columns|index:values;...' form");
            return new TileSet(List.of(), tiles);
        }
        List<String> columns = bar == 0 ? List.of() : List.of(text.substring(0, bar).split(","));
        String body = text.substring(bar + 1);
        if (!body.isEmpty()) {
            for (String entry : body.split(";")) {
                int colon = entry.indexOf(':');
                try {
                    String[] parts = entry.substring(colon + 1).split(",", -1);
                    if (colon < 0 || parts.length != columns.size()) {
                        throw new NumberFormatException("a tile needs an index and " + columns.size() + " values");
                    }
                    double[] values = new double[parts.length];
                    for (int i = 0; i < parts.length; i++) {
                        values[i] = Double.parseDouble(parts[i]);
                        if (!Double.isFinite(values[i])) {
                            throw new NumberFormatException("not a finite number: " + parts[i]);
                        }
                    }
                    tiles.put(Long.parseLong(entry.substring(0, colon)), values);
                } catch (RuntimeException e) {
                    // The stored text is anyone's: shown escaped, so the problem is itself valid, printable Unicode.
                    problems.add("tile '" + Unicode.printable(entry, 60) + "' is unreadable: " + Unicode.printable(String.valueOf(e.getMessage()), 120));
                }
            }
        }
        return new TileSet(new ArrayList<>(columns), tiles);
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 9.0e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
