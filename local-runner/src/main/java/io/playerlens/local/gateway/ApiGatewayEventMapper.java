package io.playerlens.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the API Gateway HTTP API payload 2.0 event for a local request, as API Gateway would: header names
 * lowercased and repeated values joined with commas, cookies moved to {@code cookies}, repeated query
 * parameters joined with commas, the request context filled in, and a body that is not plain text (a
 * non-text content type, or any content encoding such as gzip) base64-encoded with {@code isBase64Encoded}.
 */
final class ApiGatewayEventMapper {
    static final String STAGE = "$default";
    static final String API_ID = "local";
    static final String ACCOUNT_ID = "000000000000";
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** The parts of an HTTP request the mapping needs, independent of the server library. */
    record LocalRequest(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body,
                        String sourceIp, String protocol, String host) {
    }

    private ApiGatewayEventMapper() {
    }

    static APIGatewayV2HTTPEvent toEvent(LocalRequest request, RouteMatcher.Match match, String requestId, Instant now) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                for (String value : values) {
                    for (String cookie : value.split(";")) {
                        if (!cookie.isBlank()) {
                            cookies.add(cookie.trim());
                        }
                    }
                }
            } else {
                headers.merge(lower, String.join(",", values), (a, b) -> a + "," + b);
            }
        });

        APIGatewayV2HTTPEvent.RequestContext.Http http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(request.method().toUpperCase(Locale.ROOT))
                .withPath(request.path())
                .withProtocol(request.protocol())
                .withSourceIp(request.sourceIp())
                .withUserAgent(headers.getOrDefault("user-agent", ""))
                .build();
        APIGatewayV2HTTPEvent.RequestContext context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId(ACCOUNT_ID)
                .withApiId(API_ID)
                .withDomainName(request.host())
                .withDomainPrefix(request.host().split("[.:]", 2)[0])
                .withHttp(http)
                .withRequestId(requestId)
                .withRouteKey(match.route().routeKey())
                .withStage(STAGE)
                .withTime(REQUEST_TIME.format(now))
                .withTimeEpoch(now.toEpochMilli())
                .build();

        APIGatewayV2HTTPEvent.APIGatewayV2HTTPEventBuilder event = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(match.route().routeKey())
                .withRawPath(request.path())
                .withRawQueryString(request.rawQuery() == null ? "" : request.rawQuery())
                .withHeaders(headers)
                .withRequestContext(context)
                .withIsBase64Encoded(false);
        if (!cookies.isEmpty()) {
            event.withCookies(cookies);
        }
        Map<String, String> query = queryParameters(request.rawQuery());
        if (!query.isEmpty()) {
            event.withQueryStringParameters(query);
        }
        if (!match.pathParameters().isEmpty()) {
            event.withPathParameters(match.pathParameters());
        }
        if (request.body() != null && request.body().length > 0) {
            if (isText(headers)) {
                event.withBody(new String(request.body(), StandardCharsets.UTF_8));
            } else {
                event.withBody(Base64.getEncoder().encodeToString(request.body())).withIsBase64Encoded(true);
            }
        }
        return event.build();
    }

    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.merge(name, value, (a, b) -> a + "," + b);
        }
        return params;
    }

    private static boolean isText(Map<String, String> headers) {
        String encoding = headers.get("content-encoding");
        if (encoding != null && !encoding.isBlank() && !encoding.equalsIgnoreCase("identity")) {
            return false;
        }
        String type = headers.getOrDefault("content-type", "").toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.startsWith("application/json") || type.contains("+json")
                || type.startsWith("application/xml") || type.startsWith("application/x-www-form-urlencoded")
                || type.startsWith("application/javascript");
    }
}
