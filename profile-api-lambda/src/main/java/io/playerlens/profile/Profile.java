package io.playerlens.profile;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.store.StoredProfile;
import java.time.Instant;

/** A stored profile as the API shows it; what the item holds that cannot be read is listed in {@code problems}. */
final class Profile {
    private final StoredProfile stored;

    Profile(StoredProfile stored) {
        this.stored = stored;
    }

    String gameId() {
        return stored.gameId();
    }

    /** The event → profile latency of the newest event in the profile. */
    long freshnessMillis() {
        return Math.max(0, stored.updatedAt() - stored.receivedAt());
    }

    /** Whether the item carries the feature job's processing stamp (items written before it existed do not). */
    boolean hasStages() {
        return stored.processedAt() > 0;
    }

    long streamMillis() {
        return Math.max(0, stored.processedAt() - stored.receivedAt());
    }

    long flinkMillis() {
        return Math.max(0, stored.updatedAt() - stored.processedAt());
    }

    boolean hasProblems() {
        return !stored.problems().isEmpty();
    }

    ObjectNode toJson(String playerId, long nowMillis) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("player_id", playerId);
        body.put("game_id", stored.gameId());
        ObjectNode values = body.putObject("features");
        // Windowed features are exact at the read: summed from the profile's tiles inside each window now.
        stored.featuresAsOf(nowMillis).forEach((name, value) -> values.putPOJO(name, value));
        body.put("as_of", Instant.ofEpochMilli(nowMillis).toString());
        body.put("updated_at", Instant.ofEpochMilli(stored.updatedAt()).toString());
        body.put("received_at", Instant.ofEpochMilli(stored.receivedAt()).toString());
        body.put("freshness_ms", freshnessMillis());
        if (hasStages()) {
            body.put("stream_ms", streamMillis());
            body.put("flink_ms", flinkMillis());
        }
        body.put("age_ms", Math.max(0, nowMillis - stored.updatedAt()));
        if (hasProblems()) {
            ArrayNode problems = body.putArray("problems");
            stored.problems().forEach(problems::add);
        }
        return body;
    }
}
