package io.playerlens.bench.stack;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs one API Lambda as the runtime does (its deployable jar, the no-arg constructor, the process's environment with
 * {@code AWS_LAMBDA_FUNCTION_NAME} set, so EMF goes to stdout as on Lambda) and sends it one request many times; what
 * it prints after the marker line is what CloudWatch Logs would ingest per invocation (the platform's own START / END
 * / REPORT lines aside). Run by {@link LogBytes} in a child JVM whose classpath is the deployable jar and this class.
 * Args: handler class, method, API key, path[?query], body file (or "-"), warm-up count, measured count.
 */
public final class LambdaLogProbe {
    public static final String MARKER = "----- playerlens log probe: measured invocations start -----";

    private LambdaLogProbe() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        RequestHandler<APIGatewayV2HTTPEvent, Object> handler =
                (RequestHandler<APIGatewayV2HTTPEvent, Object>) Class.forName(args[0]).getConstructor().newInstance();
        String method = args[1];
        String key = args[2];
        String[] pathAndQuery = args[3].split("\\?", 2);
        String body = args[4].equals("-") ? null : Files.readString(Path.of(args[4]));
        int warmup = Integer.parseInt(args[5]);
        int measured = Integer.parseInt(args[6]);
        String[] segments = pathAndQuery[0].split("/");
        for (int i = 0; i < warmup + measured; i++) {
            if (i == warmup) {
                System.out.flush();
                System.out.println(MARKER);
            }
            APIGatewayV2HTTPEvent request = APIGatewayV2HTTPEvent.builder()
                    .withHeaders(Map.of("x-api-key", key, "content-type", "application/json"))
                    .withPathParameters(segments.length > 3 ? Map.of("player_id", segments[3]) : Map.of())
                    .withQueryStringParameters(pathAndQuery.length > 1 ? Map.of(pathAndQuery[1].split("=")[0], pathAndQuery[1].split("=")[1]) : Map.of())
                    .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(pathAndQuery[0]).build())
                            .withRequestId("probe-" + i).build())
                    .withBody(body)
                    .build();
            handler.handleRequest(request, null);
        }
        System.out.flush();
    }
}
