package io.playerlens.store;

import io.playerlens.contracts.profile.FeatureCatalog;
import io.playerlens.contracts.profile.TileSet;
import io.playerlens.contracts.profile.TiledGroup;
import io.playerlens.contracts.profile.Tiles;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A profile item as read back: every value the readers can use, and the problems of those they cannot (an attribute
 * of the wrong type, a number that is not one). Reading never throws, whatever the table holds, so a bad stored
 * value is reported by the profile API and ignored by the models instead of failing a request.
 */
public final class StoredProfile {
    private final String playerId;
    private final String gameId;
    private final Map<String, Object> features;
    private final long updatedAt;
    private final long receivedAt;
    private final long processedAt;
    private final int profileEpoch;
    private final Map<String, TileSet> tiles;
    private final List<String> problems;

    StoredProfile(String playerId, String gameId, Map<String, Object> features, Map<String, TileSet> tiles, long updatedAt, long receivedAt,
                  long processedAt, int profileEpoch, List<String> problems) {
        this.tiles = Map.copyOf(tiles);
        this.playerId = playerId;
        this.gameId = gameId;
        this.features = features;
        this.updatedAt = updatedAt;
        this.receivedAt = receivedAt;
        this.processedAt = processedAt;
        this.profileEpoch = profileEpoch;
        this.problems = List.copyOf(problems);
    }

    /** The item's player id; null if the item lacks a readable one (reported in {@link #problems()}). */
    public String playerId() {
        return playerId;
    }

    /** The game the profile belongs to; null if unknown. */
    public String gameId() {
        return gameId;
    }

    /**
     * The stored (lifetime) features: name → Long, Double, String, Boolean or null, sorted by name; unreadable values
     * are left out. Windowed features are not stored: {@link #featuresAsOf} computes them.
     */
    public Map<String, Object> features() {
        return features;
    }

    /**
     * Every feature as of {@code asOfMillis}: the stored ones, and each windowed feature of the catalog summed from the
     * profile's tiles inside its window at that time ({@link Tiles}; 0 when the profile has no tile of its group).
     */
    public Map<String, Object> featuresAsOf(long asOfMillis) {
        Map<String, Object> all = new TreeMap<>(features);
        for (TiledGroup group : FeatureCatalog.tiledGroups().values()) {
            all.putAll(Tiles.windowed(group, tiles.get(group.name()), asOfMillis));
        }
        return all;
    }

    /** The windowed groups' tiles, by group name (groups the item has no readable tiles of are absent). */
    public Map<String, TileSet> tiles() {
        return tiles;
    }

    public long updatedAt() {
        return updatedAt;
    }

    public long receivedAt() {
        return receivedAt;
    }

    /** 0 when the item carries no processing stamp (written before it existed, or by the backfill). */
    public long processedAt() {
        return processedAt;
    }

    public int profileEpoch() {
        return profileEpoch;
    }

    /** What could not be read, one message per attribute; empty for a healthy item. */
    public List<String> problems() {
        return problems;
    }
}
