package io.playerlens.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.playerlens.contracts.api.ApiRoute;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteMatcherTest {
    private static final ApiRoute EVENTS = new ApiRoute("POST", "/v1/events", ApiRoute.Backend.EVENT_INGEST);
    private static final ApiRoute PROFILE = new ApiRoute("GET", "/v1/players/{player_id}/profile", ApiRoute.Backend.EVENT_INGEST);
    private final RouteMatcher matcher = new RouteMatcher(List.of(EVENTS, PROFILE));

    @Test
    void literalRoute_matchesItsMethodAndPathOnly() {
        assertThat(matcher.match("POST", "/v1/events")).map(RouteMatcher.Match::route).contains(EVENTS);
        assertThat(matcher.match("GET", "/v1/events")).isEmpty();
        assertThat(matcher.match("POST", "/v1/events/extra")).isEmpty();
    }

    @Test
    void templateRoute_capturesDecodedPathParameters() {
        assertThat(matcher.match("GET", "/v1/players/p%3A42/profile"))
                .map(RouteMatcher.Match::pathParameters).contains(Map.of("player_id", "p:42"));
    }

    @Test
    void emptyParameterSegment_doesNotMatch() {
        assertThat(matcher.match("GET", "/v1/players//profile")).isEmpty();
    }
}
