package io.playerlens.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.playerlens.contracts.api.ApiRoutes;
import io.playerlens.contracts.event.EventValidator;
import io.playerlens.contracts.event.PlayerKey;
import java.util.Optional;

/** The caller's game (from its API key) and the player of a {@code /v1/players/{player_id}/...} route. */
public record PlayerRequest(String gameId, String playerId) {

    /** A request refused before any work: the response to send (401 or 400). */
    public static final class Refused extends RuntimeException {
        private final transient APIGatewayV2HTTPResponse response;

        Refused(APIGatewayV2HTTPResponse response) {
            super(response.getBody(), null, false, false);
            this.response = response;
        }

        public APIGatewayV2HTTPResponse response() {
            return response;
        }
    }

    /** @throws Refused with 401 for a missing or unknown key, 400 for an invalid player id, 503 when the keys cannot be read */
    public static PlayerRequest from(APIGatewayV2HTTPEvent request, ApiKeyStore apiKeys) {
        Optional<String> game;
        try {
            game = apiKeys.gameFor(HttpResponses.header(request.getHeaders(), ApiRoutes.API_KEY_HEADER));
        } catch (ApiKeyStore.KeysUnavailable e) {
            throw new Refused(HttpResponses.error(503, "API keys unavailable, retry later", java.util.Map.of("retry-after", "1")));
        }
        if (game.isEmpty()) {
            throw new Refused(HttpResponses.error(401, "missing or unknown x-api-key"));
        }
        String playerId = request.getPathParameters() == null ? null : request.getPathParameters().get(ApiRoutes.PLAYER_ID_PARAMETER);
        if (!EventValidator.isValidPlayerId(playerId)) {
            throw new Refused(HttpResponses.error(400, EventValidator.PLAYER_ID_RULE));
        }
        return new PlayerRequest(game.get(), playerId);
    }

    /** The player this request is about: the caller's game's player, never another game's. */
    public PlayerKey key() {
        return PlayerKey.of(gameId, playerId);
    }
}
