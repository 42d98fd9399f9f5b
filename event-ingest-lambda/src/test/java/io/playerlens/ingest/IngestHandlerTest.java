package io.playerlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.codec.BatchCodec;
import io.playerlens.contracts.config.EnvVars;
import io.playerlens.lambda.ApiKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class IngestHandlerTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
    private static final Instant TEN_SECONDS_AGO = NOW.minusSeconds(10);

    private final FakeKinesis kinesis = new FakeKinesis();
    private final IngestConfig config = IngestConfig.fromEnv(Map.of(
            EnvVars.EVENTS_STREAM_NAME, "events",
            EnvVars.QUARANTINE_STREAM_NAME, "quarantine",
            EnvVars.API_KEY_HASHES, "space-race:" + ApiKeys.sha256Hex("s3cret-one"),
            EnvVars.MAX_EVENTS_PER_REQUEST, "100",
            EnvVars.PUT_RETRY_BUDGET_MS, "100"));
    private final IngestHandler handler = new IngestHandler(config, kinesis, IngestMetrics.NONE,
            Clock.fixed(NOW, ZoneOffset.UTC), d -> { });

    private static ObjectNode levelComplete(String eventId, String player, int level) {
        ObjectNode e = MAPPER.createObjectNode();
        e.put("event_id", eventId);
        e.put("player_id", player);
        e.put("type", "level_complete");
        e.put("ts", TEN_SECONDS_AGO.toString());
        e.putObject("props").put("level", level).put("duration_s", 42.5);
        return e;
    }

    private static String body(JsonNode... events) {
        ObjectNode body = MAPPER.createObjectNode();
        ArrayNode array = body.putArray("events");
        for (JsonNode e : events) {
            array.add(e);
        }
        return body.toString();
    }

    private List<JsonNode> decoded(String stream) {
        List<JsonNode> events = new ArrayList<>();
        kinesis.dataIn(stream).forEach(record -> events.addAll(BatchCodec.decodeEvents(record)));
        return events;
    }

    private static JsonNode json(APIGatewayV2HTTPResponse response) throws IOException {
        return MAPPER.readTree(response.getBody());
    }

    @Test
    void aGameOverItsLimit_gets429WithRetryAfter_andNothingOfTheRequestIsTaken_whileAnotherGameIsServed() throws IOException {
        IngestConfig limited = IngestConfig.fromEnv(Map.of(
                EnvVars.EVENTS_STREAM_NAME, "events",
                EnvVars.QUARANTINE_STREAM_NAME, "quarantine",
                EnvVars.API_KEY_HASHES, "space-race:" + ApiKeys.sha256Hex("s3cret-one") + ",puzzle:" + ApiKeys.sha256Hex("s3cret-two"),
                EnvVars.MAX_EVENTS_PER_REQUEST, "2",
                EnvVars.GAME_EVENT_LIMITS, "space-race:2"));
        IngestHandler handler = new IngestHandler(limited, kinesis, IngestMetrics.NONE, Clock.fixed(NOW, ZoneOffset.UTC), d -> { });
        String batch = body(levelComplete("evt-00000001", "p-1", 1), levelComplete("evt-00000002", "p-1", 2));
        assertThat(handler.handleRequest(ApiGatewayEvents.postEvents(batch), null).getStatusCode()).isEqualTo(200);

        APIGatewayV2HTTPResponse over = handler.handleRequest(ApiGatewayEvents.postEvents(batch), null);

        assertThat(over.getStatusCode()).isEqualTo(429);
        assertThat(over.getHeaders()).as("2 events at 2/s").containsEntry("retry-after", "1");
        assertThat(json(over).get("error").asText()).contains("space-race is over its ingest limit");
        assertThat(decoded("events")).as("only the first request's events").hasSize(2);
        assertThat(decoded("quarantine")).as("a throttled event is the client's to retry, not a rejection").isEmpty();
        var other = ApiGatewayEvents.postEvents(batch);
        other.getHeaders().put("x-api-key", "s3cret-two");
        assertThat(handler.handleRequest(other, null).getStatusCode()).as("another game is not limited by it").isEqualTo(200);
    }

    @Test
    void validBatch_is200_andLandsInOneRecordKeyedByGameAndPlayer_stampedWithGameAndReceivedAt() throws IOException {
        APIGatewayV2HTTPResponse response = handler.handleRequest(ApiGatewayEvents.postEvents(body(
                levelComplete("evt-00000001", "p-1", 1), levelComplete("evt-00000002", "p-1", 2))), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response)).isEqualTo(MAPPER.readTree("{\"accepted\":2,\"rejected\":[]}"));
        assertThat(kinesis.stored).hasSize(1);
        assertThat(kinesis.stored.get(0).entry().partitionKey()).as("a player is a game's player").isEqualTo("space-race/p-1");
        List<JsonNode> events = decoded("events");
        assertThat(events).extracting(e -> e.get("event_id").asText()).containsExactly("evt-00000001", "evt-00000002");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.get("game_id").asText()).isEqualTo("space-race");
            assertThat(e.get("received_at").asLong()).isEqualTo(NOW.toEpochMilli());
            assertThat(e.get("ts").asLong()).isEqualTo(TEN_SECONDS_AGO.toEpochMilli());
        });
    }

    @Test
    void mixedBatch_acceptsValidEvents_andQuarantinesEachRejectWithItsReason() throws IOException {
        ObjectNode bad = levelComplete("evt-00000002", "p-1", 2);
        ((ObjectNode) bad.get("props")).remove("level");
        APIGatewayV2HTTPResponse response = handler.handleRequest(ApiGatewayEvents.postEvents(body(
                levelComplete("evt-00000001", "p-1", 1), bad, MAPPER.getNodeFactory().numberNode(7))), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response)).isEqualTo(MAPPER.readTree("{\"accepted\":1,\"rejected\":["
                + "{\"index\":1,\"event_id\":\"evt-00000002\",\"error\":\"props.level is required for type level_complete\"},"
                + "{\"index\":2,\"event_id\":null,\"error\":\"event must be a JSON object\"}]}"));
        assertThat(decoded("events")).extracting(e -> e.get("event_id").asText()).containsExactly("evt-00000001");
        List<JsonNode> quarantined = decoded("quarantine");
        assertThat(quarantined).hasSize(2);
        assertThat(quarantined.get(0).get("error").asText()).isEqualTo("props.level is required for type level_complete");
        assertThat(quarantined.get(0).get("event")).isEqualTo(bad);
        assertThat(quarantined.get(0).get("request_id").asText()).isEqualTo("JKJaXmPLvHcESHA=");
        assertThat(quarantined.get(1).get("event").asInt()).isEqualTo(7);
    }

    @Test
    void gzipBody_isAccepted() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(body(levelComplete("evt-00000001", "p-1", 1)).getBytes());
        }
        APIGatewayV2HTTPEvent request = ApiGatewayEvents.postEvents(Base64.getEncoder().encodeToString(gz.toByteArray()));
        request.setIsBase64Encoded(true);
        request.getHeaders().put("content-encoding", "gzip");

        APIGatewayV2HTTPResponse response = handler.handleRequest(request, null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).get("accepted").asInt()).isEqualTo(1);
    }

    @Test
    void missingKey_is401() throws IOException {
        APIGatewayV2HTTPEvent request = ApiGatewayEvents.postEvents(body());
        request.getHeaders().remove("x-api-key");
        APIGatewayV2HTTPResponse response = handler.handleRequest(request, null);
        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(json(response).get("error").asText()).isEqualTo("missing or unknown x-api-key");
    }

    @Test
    void unknownKey_is401_andNothingIsPut() {
        APIGatewayV2HTTPEvent request = ApiGatewayEvents.postEvents(body(levelComplete("evt-00000001", "p-1", 1)));
        request.getHeaders().put("x-api-key", "guess");
        assertThat(handler.handleRequest(request, null).getStatusCode()).isEqualTo(401);
        assertThat(kinesis.calls).isEmpty();
    }

    @Test
    void malformedJson_is400() throws IOException {
        APIGatewayV2HTTPResponse response = handler.handleRequest(ApiGatewayEvents.postEvents("{\"events\":[{]}"), null);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText())
                .isEqualTo("body is not valid JSON at line 1, column 13: Unexpected close marker ']': expected '}'");
    }

    @Test
    void eventsKeyTwice_is400_neverASilentlyDroppedArray() throws IOException {
        String twice = "{\"events\":[" + levelComplete("evt-00000001", "p-1", 1) + "],\"events\":[" + levelComplete("evt-00000002", "p-1", 2) + "]}";
        APIGatewayV2HTTPResponse response = handler.handleRequest(ApiGatewayEvents.postEvents(twice), null);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).startsWith("body is not valid JSON at line 1, column ").endsWith(": Duplicate field 'events'");
        assertThat(kinesis.stored).isEmpty();
    }

    @Test
    void aFieldTwiceInOneEvent_is400() throws IOException {
        String event = levelComplete("evt-00000001", "p-1", 1).toString().replace("\"player_id\":\"p-1\"", "\"player_id\":\"p-1\",\"player_id\":\"p-2\"");
        APIGatewayV2HTTPResponse response = handler.handleRequest(ApiGatewayEvents.postEvents("{\"events\":[" + event + "]}"), null);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).endsWith(": Duplicate field 'player_id'");
    }

    @Test
    void aTimestampOutOfRange_rejectsThatEvent_andTheOthersAreAccepted() throws IOException {
        ObjectNode outOfRange = levelComplete("evt-00000002", "p-1", 2).put("ts", "+999999999-12-31T23:59:59Z");
        APIGatewayV2HTTPResponse response = handler.handleRequest(ApiGatewayEvents.postEvents(body(
                levelComplete("evt-00000001", "p-1", 1), outOfRange, levelComplete("evt-00000003", "p-1", 3))), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).get("accepted").asInt()).isEqualTo(2);
        assertThat(json(response).get("rejected").get(0).get("error").asText()).startsWith("ts +999999999-12-31T23:59:59Z is out of range");
        assertThat(decoded("quarantine")).hasSize(1);
    }

    @Test
    void missingEventsArray_is400() throws IOException {
        APIGatewayV2HTTPResponse response = handler.handleRequest(ApiGatewayEvents.postEvents("{}"), null);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).isEqualTo("body must be a JSON object with an \"events\" array");
    }

    @Test
    void unknownTopLevelField_is400() throws IOException {
        APIGatewayV2HTTPResponse response = handler.handleRequest(ApiGatewayEvents.postEvents("{\"evnts\":[]}"), null);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText())
                .isEqualTo("unknown top-level field 'evnts'; the body is {\"events\":[...]} and custom data goes in each event's props");
    }

    @Test
    void tooManyEvents_is413() throws IOException {
        JsonNode[] events = new JsonNode[101];
        for (int i = 0; i < events.length; i++) {
            events[i] = levelComplete("evt-%08d".formatted(i), "p-1", i);
        }
        APIGatewayV2HTTPResponse response = handler.handleRequest(ApiGatewayEvents.postEvents(body(events)), null);
        assertThat(response.getStatusCode()).isEqualTo(413);
        assertThat(json(response).get("error").asText()).isEqualTo("more than 100 events in one request; send at most 100");
    }

    @Test
    void otherContentType_is415() {
        APIGatewayV2HTTPEvent request = ApiGatewayEvents.postEvents(body());
        request.getHeaders().put("content-type", "application/x-www-form-urlencoded");
        assertThat(handler.handleRequest(request, null).getStatusCode()).isEqualTo(415);
    }

    @Test
    void kinesisRefusingTheBatch_is503WithRetryAfter() throws IOException {
        kinesis.failWhen = (call, entry) -> "ProvisionedThroughputExceededException";
        APIGatewayV2HTTPResponse response = handler.handleRequest(ApiGatewayEvents.postEvents(body(levelComplete("evt-00000001", "p-1", 1))), null);

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsEntry("retry-after", "1");
        assertThat(json(response).get("error").asText()).contains("within the retry budget");
    }

    @Test
    void quarantineFailure_failsTheRequest_soNoRejectIsLostBehindA200() {
        kinesis.failWhen = (call, entry) -> "InternalFailure";
        ObjectNode bad = levelComplete("evt-00000002", "p-1", 2).put("type", "nope");
        APIGatewayV2HTTPResponse response = handler.handleRequest(ApiGatewayEvents.postEvents(body(bad)), null);
        assertThat(response.getStatusCode()).isEqualTo(503);
    }
}
