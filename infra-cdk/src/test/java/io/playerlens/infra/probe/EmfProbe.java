package io.playerlens.infra.probe;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;

/**
 * Runs one API Lambda as the runtime does (no-arg constructor, the process's environment, EMF to stdout as on Lambda)
 * and sends it the requests that make it emit each of its metrics; the parent test reads the EMF lines.
 * Args: handler class, then requests as {@code METHOD path [body]} triples separated by {@code --}.
 */
public final class EmfProbe {
    private EmfProbe() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        RequestHandler<APIGatewayV2HTTPEvent, Object> handler =
                (RequestHandler<APIGatewayV2HTTPEvent, Object>) Class.forName(args[0]).getConstructor().newInstance();
        for (int i = 1; i + 3 <= args.length; i += 4) {
            String method = args[i];
            String key = args[i + 1];
            String[] pathAndQuery = args[i + 2].split("\\?", 2);
            String body = args[i + 3];
            String[] segments = pathAndQuery[0].split("/");
            APIGatewayV2HTTPEvent request = APIGatewayV2HTTPEvent.builder()
                    .withHeaders(Map.of("x-api-key", key, "content-type", "application/json"))
                    .withPathParameters(segments.length > 3 ? Map.of("player_id", segments[3]) : Map.of())
                    .withQueryStringParameters(pathAndQuery.length > 1 ? Map.of(pathAndQuery[1].split("=")[0], pathAndQuery[1].split("=")[1]) : Map.of())
                    .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(pathAndQuery[0]).build())
                            .withRequestId("probe-" + i).build())
                    .withBody(body.isEmpty() ? null : body)
                    .build();
            handler.handleRequest(request, null);
        }
        System.out.flush();
    }
}
