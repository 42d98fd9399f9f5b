package io.playerlens.contracts.api;

/**
 * One HTTP API route: method, path template (API Gateway syntax, e.g. {@code /v1/players/{player_id}/profile})
 * and the deployable that serves it.
 */
public record ApiRoute(String method, String pathTemplate, Backend backend) {

    /** The Lambda behind a route. The local gateway and the CDK app both map these to handlers. */
    public enum Backend {
        EVENT_INGEST,
        PROFILE_API,
        OFFERS_API
    }

    /** The API Gateway route key, e.g. {@code POST /v1/events}. */
    public String routeKey() {
        return method + " " + pathTemplate;
    }
}
