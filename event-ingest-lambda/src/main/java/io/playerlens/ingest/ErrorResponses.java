package io.playerlens.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/** Maps each refusal to its status code and a JSON body with a human-readable {@code error}: one place. */
final class ErrorResponses {
    static final String RETRY_AFTER_SECONDS = "1";

    private ErrorResponses() {
    }

    static int statusOf(IngestException e) {
        if (e instanceof IngestException.Unauthorized) {
            return 401;
        } else if (e instanceof IngestException.MalformedRequest) {
            return 400;
        } else if (e instanceof IngestException.PayloadTooLarge) {
            return 413;
        } else if (e instanceof IngestException.UnsupportedMediaType) {
            return 415;
        } else if (e instanceof IngestException.StreamUnavailable) {
            return 503;
        }
        throw new IllegalArgumentException("unmapped " + e.getClass());
    }

    static APIGatewayV2HTTPResponse of(IngestException e, ObjectMapper mapper) {
        int status = statusOf(e);
        Map<String, String> headers = new HashMap<>(json());
        if (status == 503) {
            headers.put("retry-after", RETRY_AFTER_SECONDS);
        }
        return response(status, headers, error(mapper, e.getMessage()));
    }

    static APIGatewayV2HTTPResponse internalError(ObjectMapper mapper, String requestId) {
        return response(500, json(), error(mapper, "internal error; request id " + requestId));
    }

    static APIGatewayV2HTTPResponse response(int status, Map<String, String> headers, String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers).withBody(body).build();
    }

    static Map<String, String> json() {
        return Map.of("content-type", "application/json");
    }

    private static String error(ObjectMapper mapper, String message) {
        ObjectNode body = mapper.createObjectNode();
        body.put("error", message);
        return body.toString();
    }
}
