package io.playerlens.contracts.api;

import java.util.List;

/** Every route of the public HTTP API, declared once: the local gateway and the CDK app read this list. */
public final class ApiRoutes {
    public static final ApiRoute POST_EVENTS = new ApiRoute("POST", "/v1/events", ApiRoute.Backend.EVENT_INGEST);

    public static final ApiRoute GET_PROFILE = new ApiRoute("GET", "/v1/players/{player_id}/profile", ApiRoute.Backend.PROFILE_API);
    public static final ApiRoute DELETE_PLAYER = new ApiRoute("DELETE", "/v1/players/{player_id}", ApiRoute.Backend.PROFILE_API);
    /** Whether a player's erasure is pending or completed (the feature job applied it). */
    public static final ApiRoute GET_ERASURE = new ApiRoute("GET", "/v1/players/{player_id}/erasure", ApiRoute.Backend.PROFILE_API);

    public static final ApiRoute GET_OFFERS = new ApiRoute("GET", "/v1/players/{player_id}/offers", ApiRoute.Backend.OFFERS_API);

    public static final List<ApiRoute> ALL = List.of(POST_EVENTS, GET_PROFILE, DELETE_PLAYER, GET_ERASURE, GET_OFFERS);

    /** The path parameter that carries the player id. */
    public static final String PLAYER_ID_PARAMETER = "player_id";

    /** The header that carries a game's API key. */
    public static final String API_KEY_HEADER = "x-api-key";

    private ApiRoutes() {
    }
}
