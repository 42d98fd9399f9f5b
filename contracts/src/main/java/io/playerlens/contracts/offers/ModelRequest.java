package io.playerlens.contracts.offers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.event.PlayerKey;
import java.util.Objects;
import java.util.Optional;

/**
 * What the offers API asks a model Lambda: {@code {"game_id", "player_id", "placement"}} (its invoke payload). The
 * player is the pair (game, player) — a model reads that player's profile and no other game's. The answer is a
 * {@link ModelAnswer}.
 */
public final class ModelRequest {
    public static final String GAME_ID = "game_id";
    public static final String PLAYER_ID = "player_id";
    public static final String PLACEMENT = "placement";

    private final PlayerKey player;
    private final String placement;

    public ModelRequest(PlayerKey player, String placement) {
        this.player = Objects.requireNonNull(player, "player");
        this.placement = placement;
    }

    public PlayerKey player() {
        return player;
    }

    public String placement() {
        return placement;
    }

    public ObjectNode toJson() {
        return JsonNodeFactory.instance.objectNode().put(GAME_ID, player.gameId()).put(PLAYER_ID, player.playerId())
                .put(PLACEMENT, placement);
    }

    /** The request, or empty when the payload lacks a valid game id, player id or a non-blank placement. */
    public static Optional<ModelRequest> fromJson(JsonNode json) {
        if (json == null || !json.path(PLACEMENT).isTextual() || json.get(PLACEMENT).asText().isBlank()) {
            return Optional.empty();
        }
        PlayerKey player = PlayerKey.orNull(json.path(GAME_ID).isTextual() ? json.get(GAME_ID).asText() : null,
                json.path(PLAYER_ID).isTextual() ? json.get(PLAYER_ID).asText() : null);
        return player == null ? Optional.empty() : Optional.of(new ModelRequest(player, json.get(PLACEMENT).asText()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelRequest && ((ModelRequest) o).player.equals(player) && ((ModelRequest) o).placement.equals(placement);
    }

    @Override
    public int hashCode() {
        return Objects.hash(player, placement);
    }

    @Override
    public String toString() {
        return "ModelRequest[player=" + player + ", placement=" + placement + "]";
    }
}
