package io.playerlens.contracts.profile;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** One tiled group's tiles in a profile: tile index → the value of each column ({@link Tiles}). */
public final class TileSet {
    private final List<String> columns;
    private final SortedMap<Long, double[]> tiles;

    public TileSet(List<String> columns, SortedMap<Long, double[]> tiles) {
        this.columns = List.copyOf(columns);
        this.tiles = Collections.unmodifiableSortedMap(new TreeMap<>(tiles));
    }

    public List<String> columns() {
        return columns;
    }

    public SortedMap<Long, double[]> tiles() {
        return tiles;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TileSet)) {
            return false;
        }
        TileSet that = (TileSet) o;
        if (!columns.equals(that.columns) || !tiles.keySet().equals(that.tiles.keySet())) {
            return false;
        }
        return tiles.entrySet().stream().allMatch(e -> java.util.Arrays.equals(e.getValue(), that.tiles.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return columns.hashCode() * 31 + tiles.keySet().hashCode();
    }

    @Override
    public String toString() {
        return Tiles.encode(this);
    }
}
