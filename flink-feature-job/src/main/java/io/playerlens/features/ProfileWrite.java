package io.playerlens.features;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.profile.TileSet;
import io.playerlens.contracts.profile.Tiles;
import io.playerlens.store.ProfileRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the sink does for a player: put the whole profile item, or its erasure's tombstone ({@link #delete}). */
public class ProfileWrite {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public String playerId;
    public String gameId;
    public boolean delete;
    public int profileEpoch;
    /** All features of the aggregate groups, as one JSON object. */
    public String featuresJson;
    /** The windowed groups' tiles: a JSON object of group name → tiles in compact text ({@link Tiles#encode}); null for none. */
    public String tilesJson;
    public long receivedAt;
    /** Processing time at which the job decoded the newest contributing event; -1 if unknown. */
    public long processedAt = -1;
    public long updatedAt;

    public ProfileWrite() {
    }

    /** The record the profile store codec writes. */
    public ProfileRecord toRecord() {
        ObjectNode features;
        try {
            features = featuresJson == null ? JsonNodeFactory.instance.objectNode() : (ObjectNode) MAPPER.readTree(featuresJson);
        } catch (IOException e) {
            throw new IllegalStateException("the assembler wrote features that are not JSON: " + featuresJson, e);
        }
        Map<String, TileSet> tiles = new TreeMap<>();
        if (tilesJson != null) {
            try {
                MAPPER.readTree(tilesJson).fields().forEachRemaining(group -> {
                    List<String> problems = new ArrayList<>();
                    tiles.put(group.getKey(), Tiles.decode(group.getValue().asText(), problems));
                    if (!problems.isEmpty()) {
                        throw new IllegalStateException("the assembler wrote tiles it cannot read: " + problems);
                    }
                });
            } catch (IOException e) {
                throw new IllegalStateException("the assembler wrote tiles that are not JSON: " + tilesJson, e);
            }
        }
        return new ProfileRecord(playerId, gameId, profileEpoch, features, tiles, updatedAt, receivedAt, processedAt);
    }

    @Override
    public String toString() {
        return (delete ? "DELETE " : "PUT ") + playerId + " epoch=" + profileEpoch + " " + featuresJson + (tilesJson == null ? "" : " " + tilesJson);
    }
}
