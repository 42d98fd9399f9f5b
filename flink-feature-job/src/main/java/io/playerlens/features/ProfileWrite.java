package io.playerlens.features;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.store.ProfileRecord;
import java.io.IOException;

/** What the sink does for a player: put the whole profile item, or delete it (erasure). */
public class ProfileWrite {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public String playerId;
    public String gameId;
    public boolean delete;
    public int profileEpoch;
    /** All features of all groups, as one JSON object. */
    public String featuresJson;
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
        return new ProfileRecord(playerId, gameId, profileEpoch, features, updatedAt, receivedAt, processedAt);
    }

    @Override
    public String toString() {
        return (delete ? "DELETE " : "PUT ") + playerId + " epoch=" + profileEpoch + " " + featuresJson;
    }
}
