package io.playerlens.local.gateway;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.playerlens.contracts.api.ApiRoute;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An API Gateway HTTP API on the JDK HTTP server: each request on a declared route becomes a payload 2.0 event,
 * the very Lambda handler class that runs on AWS is invoked with it, and its response is written back. No
 * maintained library does this without Docker (SAM local and the runtime interface emulator need it).
 *
 * <p>Each function runs on threads of its own, as each Lambda has its own concurrency on AWS: a burst of slow
 * ingest calls (a Kinesis put waiting on a busy stream) queues ingest requests only, never the offers or profile
 * requests behind them. With one shared pool, a 2-core machine past its capacity served GET /offers at a p50 of
 * 1.7 s, each request waiting for a thread behind the POSTs.
 */
public final class LocalGateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalGateway.class);
    private static final int MAX_REQUEST_BYTES = 10 * 1024 * 1024;
    private static final SecureRandom IDS = new SecureRandom();

    /** A Lambda behind the gateway: its handler and its function name (for the Lambda context). */
    public record Function(String name, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
    }

    /** Extra non-API endpoints the local runner serves, such as /health and /dashboard (a context: it gets sub-paths too). */
    public interface LocalEndpoint {
        /** @return status, content type and body */
        Response handle(String method, String path, String query);
    }

    public record Response(int status, String contentType, byte[] body) {
        public static Response json(int status, String json) {
            return new Response(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Concurrent invocations of one function (its handlers block on AWS calls, as a Lambda does). */
    private static final int FUNCTION_CONCURRENCY = 64;

    private final HttpServer server;
    private final ExecutorService executor;
    private final RouteMatcher routes;
    private final Map<ApiRoute.Backend, Function> functions;
    private final Map<ApiRoute.Backend, ExecutorService> invocations;

    private LocalGateway(HttpServer server, ExecutorService executor, List<ApiRoute> routes, Map<ApiRoute.Backend, Function> functions) {
        this.server = server;
        this.executor = executor;
        this.routes = new RouteMatcher(routes);
        this.functions = Map.copyOf(functions);
        Map<ApiRoute.Backend, ExecutorService> pools = new java.util.EnumMap<>(ApiRoute.Backend.class);
        functions.forEach((backend, function) -> pools.put(backend, Executors.newFixedThreadPool(FUNCTION_CONCURRENCY, r -> {
            Thread t = new Thread(r, "local-gateway-" + function.name());
            t.setDaemon(true);
            return t;
        })));
        this.invocations = Map.copyOf(pools);
    }

    /**
     * Starts the gateway on 127.0.0.1:{@code port} (0 picks a free port).
     *
     * @throws IllegalStateException if a route has no function
     */
    public static LocalGateway start(int port, List<ApiRoute> routes, Map<ApiRoute.Backend, Function> functions,
                                     Map<String, LocalEndpoint> localEndpoints) {
        for (ApiRoute route : routes) {
            if (!functions.containsKey(route.backend())) {
                throw new IllegalStateException("no function for route " + route.routeKey() + " (backend " + route.backend() + ")");
            }
        }
        // The JDK server writes headers and body separately; with Nagle on, a small response waits for the client's
        // delayed ACK (~40 ms). Measured: GET /offers p95 54 ms with it, see docs/models.md.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
            // These threads route a request (headers only) to its function's threads and serve the local endpoints.
            ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
                Thread t = new Thread(r, "local-gateway");
                t.setDaemon(true);
                return t;
            });
            LocalGateway gateway = new LocalGateway(server, executor, routes, functions);
            localEndpoints.forEach((path, endpoint) -> server.createContext(path, exchange -> gateway.serveLocal(exchange, endpoint)));
            server.createContext("/", gateway::serveApi);
            server.setExecutor(executor);
            server.start();
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + " (is another ./playerlens up running? try --port)", e);
        }
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void serveApi(HttpExchange exchange) throws IOException {
        Optional<RouteMatcher.Match> match = routes.match(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath());
        if (match.isEmpty()) {
            try (exchange) {
                write(exchange, Response.json(404, "{\"message\":\"Not Found\"}"), Map.of());
            }
            return;
        }
        try {
            invocations.get(match.get().route().backend()).execute(() -> {
                try {
                    invoke(exchange, match.get());
                } catch (IOException e) {
                    LOG.warn("local gateway could not answer {}: {}", exchange.getRequestURI(), e.toString());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            exchange.close();
        }
    }

    private void invoke(HttpExchange exchange, RouteMatcher.Match match) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            byte[] body = readBody(exchange);
            if (body == null) {
                write(exchange, Response.json(413, "{\"message\":\"Request Entity Too Large\"}"), Map.of());
                return;
            }
            String requestId = newRequestId();
            Function function = functions.get(match.route().backend());
            APIGatewayV2HTTPEvent event = ApiGatewayEventMapper.toEvent(new ApiGatewayEventMapper.LocalRequest(
                    exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), exchange.getRequestHeaders(), body,
                    exchange.getRemoteAddress().getAddress().getHostAddress(), exchange.getProtocol(),
                    String.valueOf(exchange.getRequestHeaders().getFirst("Host"))), match, requestId, Instant.now());
            APIGatewayV2HTTPResponse response;
            try {
                response = function.handler().handleRequest(event, new LocalLambdaContext(requestId, function.name()));
            } catch (RuntimeException e) {
                // What API Gateway answers when the integration fails.
                LOG.error("function {} threw on request {}", function.name(), requestId, e);
                write(exchange, Response.json(500, "{\"message\":\"Internal Server Error\"}"), Map.of("apigw-requestid", requestId));
                return;
            }
            writeLambdaResponse(exchange, response, requestId);
        } catch (RuntimeException e) {
            LOG.error("local gateway failed on {}", exchange.getRequestURI(), e);
            throw e;
        }
    }

    private void serveLocal(HttpExchange exchange, LocalEndpoint endpoint) throws IOException {
        try (exchange) {
            readBody(exchange);
            write(exchange, endpoint.handle(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery()), Map.of());
        }
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_REQUEST_BYTES + 1);
            return body.length > MAX_REQUEST_BYTES ? null : body;
        }
    }

    private static void writeLambdaResponse(HttpExchange exchange, APIGatewayV2HTTPResponse response, String requestId) throws IOException {
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> values.forEach(v -> exchange.getResponseHeaders().add(name, v)));
        }
        if (response.getCookies() != null) {
            response.getCookies().forEach(c -> exchange.getResponseHeaders().add("Set-Cookie", c));
        }
        exchange.getResponseHeaders().set("apigw-requestid", requestId);
        byte[] body = response.getBody() == null ? new byte[0]
                : response.getIsBase64Encoded() ? Base64.getDecoder().decode(response.getBody())
                : response.getBody().getBytes(StandardCharsets.UTF_8);
        int status = response.getStatusCode() == 0 ? 200 : response.getStatusCode();
        sendBody(exchange, status, body);
    }

    private static void write(HttpExchange exchange, Response response, Map<String, String> headers) throws IOException {
        exchange.getResponseHeaders().set("content-type", response.contentType());
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        sendBody(exchange, response.status(), response.body());
    }

    private static void sendBody(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String newRequestId() {
        byte[] bytes = new byte[10];
        IDS.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Stops accepting requests, lets those in flight finish (up to 2 s), then stops the threads. */
    @Override
    public void close() {
        server.stop(2);
        invocations.values().forEach(ExecutorService::shutdown);
        invocations.values().forEach(LocalGateway::awaitStopped);
        executor.shutdown();
        awaitStopped(executor);
    }

    /** Waits up to 2 s for a shut-down pool's running tasks, then interrupts them. */
    private static void awaitStopped(ExecutorService pool) {
        try {
            if (!pool.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

}
