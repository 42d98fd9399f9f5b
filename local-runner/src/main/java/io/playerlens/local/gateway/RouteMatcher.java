package io.playerlens.local.gateway;

import io.playerlens.contracts.api.ApiRoute;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Matches a request against API Gateway path templates ({@code /v1/players/{player_id}/profile}). */
final class RouteMatcher {
    /** A matched route with the values of its path parameters. */
    record Match(ApiRoute route, Map<String, String> pathParameters) {
    }

    private record Compiled(ApiRoute route, List<String> segments) {
    }

    private final List<Compiled> routes = new ArrayList<>();

    RouteMatcher(List<ApiRoute> routes) {
        for (ApiRoute route : routes) {
            this.routes.add(new Compiled(route, segments(route.pathTemplate())));
        }
    }

    Optional<Match> match(String method, String path) {
        List<String> actual = segments(path);
        for (Compiled compiled : routes) {
            if (!compiled.route().method().equalsIgnoreCase(method) || compiled.segments().size() != actual.size()) {
                continue;
            }
            Map<String, String> params = new HashMap<>();
            boolean matches = true;
            for (int i = 0; i < actual.size() && matches; i++) {
                String template = compiled.segments().get(i);
                if (template.startsWith("{") && template.endsWith("}")) {
                    params.put(template.substring(1, template.length() - 1), java.net.URLDecoder.decode(actual.get(i), java.nio.charset.StandardCharsets.UTF_8));
                    matches = !actual.get(i).isEmpty();
                } else {
                    matches = template.equals(actual.get(i));
                }
            }
            if (matches) {
                return Optional.of(new Match(compiled.route(), params));
            }
        }
        return Optional.empty();
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/", -1)) {
            segments.add(s);
        }
        if (!segments.isEmpty() && segments.get(0).isEmpty()) {
            segments.remove(0);
        }
        return segments;
    }
}
