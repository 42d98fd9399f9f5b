package io.playerlens.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;

/** Loads real API Gateway HTTP API (payload 2.0) events from {@code src/test/resources/events/}. */
final class ApiGatewayEvents {
    private static final ObjectMapper MAPPER = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ApiGatewayEvents() {
    }

    static APIGatewayV2HTTPEvent postEvents(String body) {
        APIGatewayV2HTTPEvent event = load("events/post-events.json");
        event.setHeaders(new HashMap<>(event.getHeaders()));
        event.setBody(body);
        return event;
    }

    static APIGatewayV2HTTPEvent load(String resource) {
        try (InputStream in = ApiGatewayEvents.class.getClassLoader().getResourceAsStream(resource)) {
            APIGatewayV2HTTPEvent event = MAPPER.readValue(in, APIGatewayV2HTTPEvent.class);
            // The wire name is isBase64Encoded; the Java bean's property is "isBase64Encoded" too, but be explicit.
            event.setIsBase64Encoded(false);
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
