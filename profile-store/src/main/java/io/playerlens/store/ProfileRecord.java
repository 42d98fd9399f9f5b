package io.playerlens.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.profile.TileSet;
import java.util.Map;

/**
 * What a writer puts in the profiles table for one player: its features and stamps. The feature job writes whole
 * records; the backfill writes records for players the table does not know.
 */
public final class ProfileRecord {
    private final String playerId;
    private final String gameId;
    private final int profileEpoch;
    private final ObjectNode features;
    private final long updatedAt;
    private final long receivedAt;
    private final long processedAt;
    private final Map<String, TileSet> tiles;

    /**
     * @param gameId null when unknown
     * @param features feature name → value (number, string, boolean or null)
     * @param updatedAt when the writer wrote it, epoch millis
     * @param receivedAt {@code received_at} of the newest contributing event, epoch millis (0 if unknown)
     * @param processedAt when the feature job decoded the newest contributing event, or -1 if unknown
     */
    public ProfileRecord(String playerId, String gameId, int profileEpoch, ObjectNode features, long updatedAt, long receivedAt,
                         long processedAt) {
        this(playerId, gameId, profileEpoch, features, Map.of(), updatedAt, receivedAt, processedAt);
    }

    /** @param tiles the windowed groups' tiles, by group name ({@link io.playerlens.contracts.profile.Tiles}) */
    public ProfileRecord(String playerId, String gameId, int profileEpoch, ObjectNode features, Map<String, TileSet> tiles, long updatedAt,
                         long receivedAt, long processedAt) {
        this.tiles = Map.copyOf(tiles);
        this.playerId = playerId;
        this.gameId = gameId;
        this.profileEpoch = profileEpoch;
        this.features = features;
        this.updatedAt = updatedAt;
        this.receivedAt = receivedAt;
        this.processedAt = processedAt;
    }

    public String playerId() {
        return playerId;
    }

    public String gameId() {
        return gameId;
    }

    public int profileEpoch() {
        return profileEpoch;
    }

    public ObjectNode features() {
        return features;
    }

    /** The windowed groups' tiles, by group name. */
    public Map<String, TileSet> tiles() {
        return tiles;
    }

    public long updatedAt() {
        return updatedAt;
    }

    public long receivedAt() {
        return receivedAt;
    }

    public long processedAt() {
        return processedAt;
    }
}
