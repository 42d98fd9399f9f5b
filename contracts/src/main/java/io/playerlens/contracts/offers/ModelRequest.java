package io.playerlens.contracts.offers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * What the offers API asks a model Lambda: {@code {"player_id", "placement"}} (its invoke payload). The answer is a
 * {@link ModelAnswer}.
 */
public final class ModelRequest {
    public static final String PLAYER_ID = "player_id";
    public static final String PLACEMENT = "placement";

    private final String playerId;
    private final String placement;

    public ModelRequest(String playerId, String placement) {
        this.playerId = playerId;
        this.placement = placement;
    }

    public String playerId() {
        return playerId;
    }

    public String placement() {
        return placement;
    }

    public ObjectNode toJson() {
        return JsonNodeFactory.instance.objectNode().put(PLAYER_ID, playerId).put(PLACEMENT, placement);
    }

    /** The request, or empty when the payload lacks a non-blank player id or placement. */
    public static Optional<ModelRequest> fromJson(JsonNode json) {
        if (json == null || !json.path(PLAYER_ID).isTextual() || !json.path(PLACEMENT).isTextual()
                || json.get(PLAYER_ID).asText().isBlank() || json.get(PLACEMENT).asText().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new ModelRequest(json.get(PLAYER_ID).asText(), json.get(PLACEMENT).asText()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelRequest && ((ModelRequest) o).playerId.equals(playerId) && ((ModelRequest) o).placement.equals(placement);
    }

    @Override
    public int hashCode() {
        return Objects.hash(playerId, placement);
    }

    @Override
    public String toString() {
        return "ModelRequest[playerId=" + playerId + ", placement=" + placement + "]";
    }
}
