package io.playerlens.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/** JSON responses for API Gateway HTTP APIs; every error body has a human-readable {@code error}. */
public final class HttpResponses {
    private HttpResponses() {
    }

    public static APIGatewayV2HTTPResponse json(int status, String body) {
        return json(status, body, Map.of());
    }

    public static APIGatewayV2HTTPResponse json(int status, String body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.put("content-type", "application/json");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers).withBody(body).build();
    }

    public static APIGatewayV2HTTPResponse error(int status, String message) {
        return error(status, message, Map.of());
    }

    public static APIGatewayV2HTTPResponse error(int status, String message, Map<String, String> extraHeaders) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("error", message);
        return json(status, body.toString(), extraHeaders);
    }

    /** API Gateway lowercases header names; a local caller may not, so look up case-insensitively. */
    public static String header(Map<String, String> headers, String lowerCaseName) {
        if (headers == null) {
            return null;
        }
        String value = headers.get(lowerCaseName);
        if (value != null) {
            return value;
        }
        for (Map.Entry<String, String> entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(lowerCaseName)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
