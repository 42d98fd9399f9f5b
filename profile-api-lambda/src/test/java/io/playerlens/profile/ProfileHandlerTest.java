package io.playerlens.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playerlens.contracts.api.ApiRoutes;
import io.playerlens.contracts.codec.BatchCodec;
import io.playerlens.contracts.config.EnvVars;
import io.playerlens.contracts.event.PlayerKey;
import io.playerlens.contracts.profile.ProfileItem;
import io.playerlens.lambda.ApiKeys;
import io.playerlens.store.ProfileItemCodec;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;

class ProfileHandlerTest {
    private static final ObjectMapper MAPPER = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
    private static final Instant UPDATED = NOW.minusSeconds(2);
    private static final Instant RECEIVED = UPDATED.minusMillis(42);

    /** A profiles table in a map. */
    static final class FakeDynamo implements DynamoDbClient {
        final Map<String, Map<String, AttributeValue>> items = new HashMap<>();

        @Override
        public GetItemResponse getItem(GetItemRequest request) {
            Map<String, AttributeValue> item = items.get(request.key().get(ProfileItem.KEY).s());
            return item == null ? GetItemResponse.builder().build() : GetItemResponse.builder().item(item).build();
        }

        @Override
        public PutItemResponse putItem(PutItemRequest request) {
            items.put(request.item().get(ProfileItem.KEY).s(), request.item());
            return PutItemResponse.builder().build();
        }

        @Override
        public DeleteItemResponse deleteItem(DeleteItemRequest request) {
            items.remove(request.key().get(ProfileItem.KEY).s());
            return DeleteItemResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }

    static final class FakeKinesis implements KinesisClient {
        final List<PutRecordRequest> puts = new ArrayList<>();

        @Override
        public PutRecordResponse putRecord(PutRecordRequest request) {
            puts.add(request);
            return PutRecordResponse.builder().shardId("shardId-000000000000").sequenceNumber("1").build();
        }

        @Override
        public String serviceName() {
            return "kinesis";
        }

        @Override
        public void close() {
        }
    }

    private final FakeDynamo dynamo = new FakeDynamo();
    private final FakeKinesis kinesis = new FakeKinesis();
    private final ProfileHandler handler = new ProfileHandler(ProfileApiConfig.fromEnv(Map.of(
            EnvVars.PROFILES_TABLE_NAME, "profiles", EnvVars.EVENTS_STREAM_NAME, "events",
            EnvVars.API_KEY_HASHES, "space-race:" + ApiKeys.sha256Hex("s3cret-one") + ",farm:" + ApiKeys.sha256Hex("s3cret-two"))),
            dynamo, kinesis, ProfileMetrics.NONE, Clock.fixed(NOW, ZoneOffset.UTC));

    private static APIGatewayV2HTTPEvent request(String method, String playerId) throws Exception {
        try (InputStream in = ProfileHandlerTest.class.getClassLoader().getResourceAsStream("events/get-profile.json")) {
            APIGatewayV2HTTPEvent event = MAPPER.readValue(in, APIGatewayV2HTTPEvent.class);
            event.setHeaders(new HashMap<>(event.getHeaders()));
            event.setPathParameters(new HashMap<>(Map.of("player_id", playerId)));
            event.getRequestContext().getHttp().setMethod(method);
            return event;
        }
    }

    private void storeProfile(String player, String game) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ProfileItem.KEY, AttributeValue.fromS(game + "/" + player));
        item.put(ProfileItem.PLAYER_ID, AttributeValue.fromS(player));
        item.put(ProfileItem.GAME_ID, AttributeValue.fromS(game));
        item.put(ProfileItem.FEATURES, AttributeValue.fromM(Map.of(
                "events_total", AttributeValue.fromN("12"),
                "coins_balance", AttributeValue.fromN("70.5"),
                "platform", AttributeValue.fromS("ios"),
                "level_max", AttributeValue.fromNul(true))));
        item.put(ProfileItem.UPDATED_AT, AttributeValue.fromN(Long.toString(UPDATED.toEpochMilli())));
        item.put(ProfileItem.RECEIVED_AT, AttributeValue.fromN(Long.toString(RECEIVED.toEpochMilli())));
        dynamo.items.put(game + "/" + player, item);
    }

    private static JsonNode body(APIGatewayV2HTTPResponse response) throws Exception {
        return MAPPER.readTree(response.getBody());
    }

    @Test
    void knownPlayer_is200_withFeaturesAndFreshness() throws Exception {
        storeProfile("p-42", "space-race");
        APIGatewayV2HTTPResponse response = handler.handleRequest(request("GET", "p-42"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = body(response);
        assertThat(body.get("player_id").asText()).isEqualTo("p-42");
        assertThat(body.get("features").get("events_total").isIntegralNumber()).isTrue();
        assertThat(body.get("features").get("events_total").asLong()).isEqualTo(12);
        assertThat(body.get("features").get("coins_balance").asDouble()).isEqualTo(70.5);
        assertThat(body.get("features").get("platform").asText()).isEqualTo("ios");
        assertThat(body.get("features").get("level_max").isNull()).isTrue();
        assertThat(body.get("updated_at").asText()).isEqualTo(UPDATED.toString());
        assertThat(body.get("freshness_ms").asLong()).isEqualTo(42);
        assertThat(body.get("age_ms").asLong()).isEqualTo(2000);
        assertThat(body.has("stream_ms")).as("an item without the job's processing stamp has no stages").isFalse();
    }

    @Test
    void profileWithTheJobsStamp_splitsFreshnessIntoStreamAndFlink() throws Exception {
        storeProfile("p-43", "space-race");
        dynamo.items.get("space-race/p-43").put(ProfileItem.PROCESSED_AT, AttributeValue.fromN(Long.toString(RECEIVED.toEpochMilli() + 30)));
        JsonNode body = body(handler.handleRequest(request("GET", "p-43"), null));

        assertThat(body.get("freshness_ms").asLong()).isEqualTo(42);
        assertThat(body.get("stream_ms").asLong()).isEqualTo(30);
        assertThat(body.get("flink_ms").asLong()).isEqualTo(12);
    }

    @Test
    void unknownPlayer_is404() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(request("GET", "nobody"), null);
        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(body(response).get("error").asText()).isEqualTo("no profile for player nobody");
    }

    @Test
    void anotherGamesPlayer_is404_exactlyAsAPlayerThatDoesNotExist() throws Exception {
        storeProfile("p-42", "farm");
        APIGatewayV2HTTPResponse response = handler.handleRequest(request("GET", "p-42"), null);
        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(body(response).get("error").asText()).isEqualTo("no profile for player p-42");
    }

    @Test
    void missingKey_is401() throws Exception {
        APIGatewayV2HTTPEvent request = request("GET", "p-42");
        request.getHeaders().remove("x-api-key");
        assertThat(handler.handleRequest(request, null).getStatusCode()).isEqualTo(401);
    }

    @Test
    void invalidPlayerId_is400() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(request("GET", "bad id!"), null);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(body(response).get("error").asText()).isEqualTo("player_id must be a string of 1-64 characters of [A-Za-z0-9._:-], not \".\" or \"..\"");
    }

    @Test
    void delete_is202_deletesTheItem_andSendsAnErasureEventKeyedByGameAndPlayer() throws Exception {
        storeProfile("p-42", "space-race");
        APIGatewayV2HTTPResponse response = handler.handleRequest(request("DELETE", "p-42"), null);

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(body(response).get("status").asText()).isEqualTo("accepted");
        assertThat(ProfileItemCodec.isTombstone(dynamo.items.get("space-race/p-42"))).as("the profile is replaced by a tombstone").isTrue();
        assertThat(handler.handleRequest(request("GET", "p-42"), null).getStatusCode()).isEqualTo(404);
        JsonNode status = body(handler.handleRequest(erasureStatus("p-42"), null));
        assertThat(status.get("status").asText()).isEqualTo("pending");
        assertThat(status.get("requested_at").asText()).isEqualTo(NOW.toString());
        assertThat(kinesis.puts).hasSize(1);
        assertThat(kinesis.puts.get(0).partitionKey()).isEqualTo("space-race/p-42");
        assertThat(kinesis.puts.get(0).streamName()).isEqualTo("events");
        JsonNode erasure = BatchCodec.decodeEvents(kinesis.puts.get(0).data().asByteArray()).get(0);
        assertThat(erasure.get("type").asText()).isEqualTo("player_erased");
        assertThat(erasure.get("ts").asLong()).isEqualTo(NOW.toEpochMilli());
        assertThat(erasure.get("received_at").asLong()).as("the erasure rule's time: when the platform received it").isEqualTo(NOW.toEpochMilli());
        assertThat(erasure.get("game_id").asText()).isEqualTo("space-race");
    }

    @Test
    void delete_concernsOnlyTheCallersGamesPlayer_anotherGamesPlayerOfTheSameIdStays() throws Exception {
        storeProfile("p-42", "farm");
        assertThat(handler.handleRequest(request("DELETE", "p-42"), null).getStatusCode()).isEqualTo(202);
        assertThat(dynamo.items.get("farm/p-42")).containsKey(ProfileItem.FEATURES);
        JsonNode erasure = BatchCodec.decodeEvents(kinesis.puts.get(0).data().asByteArray()).get(0);
        assertThat(erasure.get("game_id").asText()).isEqualTo("space-race");
        assertThat(kinesis.puts.get(0).partitionKey()).isEqualTo("space-race/p-42");
    }

    private static APIGatewayV2HTTPEvent erasureStatus(String playerId) throws Exception {
        APIGatewayV2HTTPEvent request = request("GET", playerId);
        request.setRouteKey(ApiRoutes.GET_ERASURE.routeKey());
        return request;
    }

    @Test
    void erasureStatus_isCompletedOnceTheJobsTombstoneIsThere_or404WhenNoErasureIsKnown() throws Exception {
        assertThat(handler.handleRequest(erasureStatus("p-7"), null).getStatusCode()).isEqualTo(404);
        dynamo.items.put("space-race/p-7", ProfileItemCodec.tombstone(PlayerKey.of("space-race", "p-7"), NOW.toEpochMilli() - 500,
                NOW.toEpochMilli() - 100, 1));
        JsonNode status = body(handler.handleRequest(erasureStatus("p-7"), null));
        assertThat(status.get("status").asText()).isEqualTo("completed");
        assertThat(status.get("completed_at").asText()).isEqualTo(NOW.minusMillis(100).toString());
        assertThat(handler.handleRequest(request("GET", "p-7"), null).getStatusCode()).as("a tombstone is no profile").isEqualTo(404);
    }
}
