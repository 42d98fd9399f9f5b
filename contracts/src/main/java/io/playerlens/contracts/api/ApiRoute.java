package io.playerlens.contracts.api;

/**
 * One HTTP API route: method, path template (API Gateway syntax, e.g. {@code /v1/players/{player_id}/profile})
 * and the deployable that serves it.
 */
public final class ApiRoute {
    private final String method;
    private final String pathTemplate;
    private final Backend backend;

    public ApiRoute(String method, String pathTemplate, Backend backend) {
        this.method = method;
        this.pathTemplate = pathTemplate;
        this.backend = backend;
    }

    public String method() {
        return method;
    }

    public String pathTemplate() {
        return pathTemplate;
    }

    public Backend backend() {
        return backend;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ApiRoute)) {
            return false;
        }
        ApiRoute that = (ApiRoute) o;
        return java.util.Objects.equals(method, that.method) && java.util.Objects.equals(pathTemplate, that.pathTemplate) && java.util.Objects.equals(backend, that.backend);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(method, pathTemplate, backend);
    }

    @Override
    public String toString() {
        return "ApiRoute[" + "method=" + method + ", " + "pathTemplate=" + pathTemplate + ", " + "backend=" + backend + "]";
    }


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
