package io.playerlens.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.playerlens.contracts.api.ApiRoute;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiGatewayEventMapperTest {
    private static final Instant NOW = Instant.parse("2026-11-26T07:59:00Z");
    private static final ApiRoute PROFILE = new ApiRoute("GET", "/v1/players/{player_id}/profile", ApiRoute.Backend.EVENT_INGEST);
    private static final RouteMatcher.Match MATCH = new RouteMatcher.Match(PROFILE, Map.of("player_id", "p-1"));

    private static APIGatewayV2HTTPEvent map(Map<String, List<String>> headers, String query, byte[] body) {
        return ApiGatewayEventMapper.toEvent(new ApiGatewayEventMapper.LocalRequest("get", "/v1/players/p-1/profile", query,
                headers, body, "127.0.0.1", "HTTP/1.1", "127.0.0.1:8080"), MATCH, "req-1", NOW);
    }

    @Test
    void payload20Fields_areFilledAsApiGatewayDoes() {
        APIGatewayV2HTTPEvent event = map(Map.of("User-Agent", List.of("curl/8")), "placement=store", new byte[0]);

        assertThat(event.getVersion()).isEqualTo("2.0");
        assertThat(event.getRouteKey()).isEqualTo("GET /v1/players/{player_id}/profile");
        assertThat(event.getRawPath()).isEqualTo("/v1/players/p-1/profile");
        assertThat(event.getRawQueryString()).isEqualTo("placement=store");
        assertThat(event.getPathParameters()).containsEntry("player_id", "p-1");
        assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("GET");
        assertThat(event.getRequestContext().getHttp().getSourceIp()).isEqualTo("127.0.0.1");
        assertThat(event.getRequestContext().getHttp().getUserAgent()).isEqualTo("curl/8");
        assertThat(event.getRequestContext().getStage()).isEqualTo("$default");
        assertThat(event.getRequestContext().getRequestId()).isEqualTo("req-1");
        assertThat(event.getRequestContext().getTimeEpoch()).isEqualTo(NOW.toEpochMilli());
        assertThat(event.getRequestContext().getTime()).isEqualTo("26/Nov/2026:07:59:00 +0000");
        assertThat(event.getBody()).isNull();
        assertThat(event.getIsBase64Encoded()).isFalse();
    }

    @Test
    void headerNames_areLowercased_andRepeatedValuesJoinedWithCommas() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("X-Api-Key", List.of("dev-key"));
        headers.put("Accept", List.of("a", "b"));
        APIGatewayV2HTTPEvent event = map(headers, null, new byte[0]);

        assertThat(event.getHeaders()).containsEntry("x-api-key", "dev-key").containsEntry("accept", "a,b");
        assertThat(event.getRawQueryString()).isEmpty();
        assertThat(event.getQueryStringParameters()).isNull();
    }

    @Test
    void cookies_moveToTheCookiesList() {
        APIGatewayV2HTTPEvent event = map(Map.of("Cookie", List.of("a=1; b=2")), null, new byte[0]);
        assertThat(event.getCookies()).containsExactly("a=1", "b=2");
        assertThat(event.getHeaders()).doesNotContainKey("cookie");
    }

    @Test
    void repeatedQueryParameters_areJoinedWithCommas_andDecoded() {
        APIGatewayV2HTTPEvent event = map(Map.of(), "k=a&k=b%20c&flag", new byte[0]);
        assertThat(event.getQueryStringParameters()).containsEntry("k", "a,b c").containsEntry("flag", "");
    }

    @Test
    void jsonBody_isPassedAsText() {
        APIGatewayV2HTTPEvent event = map(Map.of("Content-Type", List.of("application/json")), null, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(event.getBody()).isEqualTo("{\"a\":1}");
        assertThat(event.getIsBase64Encoded()).isFalse();
    }

    @Test
    void gzipBody_isBase64Encoded() {
        byte[] gzip = {0x1f, (byte) 0x8b, 8, 0};
        APIGatewayV2HTTPEvent event = map(Map.of("Content-Type", List.of("application/json"), "Content-Encoding", List.of("gzip")), null, gzip);
        assertThat(event.getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(event.getBody())).isEqualTo(gzip);
    }

    @Test
    void binaryContentType_isBase64Encoded() {
        APIGatewayV2HTTPEvent event = map(Map.of("Content-Type", List.of("application/octet-stream")), null, new byte[] {1, 2});
        assertThat(event.getIsBase64Encoded()).isTrue();
    }
}
