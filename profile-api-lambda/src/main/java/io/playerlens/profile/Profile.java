package io.playerlens.profile;

import static io.playerlens.contracts.profile.ProfileItem.GAME_ID;
import static io.playerlens.contracts.profile.ProfileItem.PLAYER_ID;
import static io.playerlens.contracts.profile.ProfileItem.PROCESSED_AT;
import static io.playerlens.contracts.profile.ProfileItem.RECEIVED_AT;
import static io.playerlens.contracts.profile.ProfileItem.UPDATED_AT;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.lambda.ProfileItems;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A profile item as the API shows it. */
record Profile(String playerId, String gameId, Map<String, Object> features, long updatedAt, long receivedAt, long processedAt) {

    static Profile fromItem(Map<String, AttributeValue> item) {
        return new Profile(item.get(PLAYER_ID).s(),
                item.containsKey(GAME_ID) ? item.get(GAME_ID).s() : null,
                ProfileItems.features(item),
                number(item, UPDATED_AT), number(item, RECEIVED_AT), number(item, PROCESSED_AT));
    }

    /** The event → profile latency of the newest event in the profile. */
    long freshnessMillis() {
        return Math.max(0, updatedAt - receivedAt);
    }

    /** Whether the item carries the feature job's processing stamp (items written before it existed do not). */
    boolean hasStages() {
        return processedAt > 0;
    }

    ObjectNode toJson(long nowMillis) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("player_id", playerId);
        body.put("game_id", gameId);
        ObjectNode values = body.putObject("features");
        features.forEach((name, value) -> values.putPOJO(name, value));
        body.put("updated_at", Instant.ofEpochMilli(updatedAt).toString());
        body.put("received_at", Instant.ofEpochMilli(receivedAt).toString());
        body.put("freshness_ms", freshnessMillis());
        if (hasStages()) {
            body.put("stream_ms", Math.max(0, processedAt - receivedAt));
            body.put("flink_ms", Math.max(0, updatedAt - processedAt));
        }
        body.put("age_ms", Math.max(0, nowMillis - updatedAt));
        return body;
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }
}
