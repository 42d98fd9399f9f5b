package io.playerlens.local.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.codec.BatchCodec;
import io.playerlens.emulators.StreamReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.Record;

/** POST through the local gateway, then read the streams back with plain GetRecords, as any Kinesis client would. */
class IngestThroughGatewayIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static LocalPlatform platform;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        platform = LocalPlatform.start(new LocalPlatform.Options(0, "dev-key", 2, Path.of("target", "it-ingest"), 2));
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static ObjectNode event(String player, String type) {
        ObjectNode e = MAPPER.createObjectNode();
        e.put("event_id", UUID.randomUUID().toString());
        e.put("player_id", player);
        e.put("type", type);
        e.put("ts", Instant.now().minusSeconds(5).toString());
        ObjectNode props = e.putObject("props");
        if (type.equals("currency_earn")) {
            props.put("amount", 25).put("currency_type", "coins");
        }
        return e;
    }

    private static HttpResponse<String> post(byte[] body, boolean gzip) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(platform.baseUrl().resolve("/v1/events"))
                .header("x-api-key", "dev-key")
                .header("content-type", "application/json");
        if (gzip) {
            request.header("content-encoding", "gzip");
        }
        return HTTP.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] batch(List<? extends JsonNode> events) {
        ObjectNode body = MAPPER.createObjectNode();
        ArrayNode array = body.putArray("events");
        events.forEach(array::add);
        return body.toString().getBytes();
    }

    private static List<JsonNode> decodedEvents(String stream) {
        List<JsonNode> events = new ArrayList<>();
        for (Record record : StreamReader.readAll(platform.aws().kinesis(), stream)) {
            events.addAll(BatchCodec.decodeEvents(record.data().asByteArray()));
        }
        return events;
    }

    @Test
    void postedEvents_landInTheStream_exactlyOnceEach_andRejectsInQuarantine() throws Exception {
        String alice = "alice-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        List<ObjectNode> accepted = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            accepted.add(event(alice, i % 2 == 0 ? "store_view" : "currency_earn"));
        }
        ObjectNode bad = event(alice, "currency_earn");
        ((ObjectNode) bad.get("props")).remove("currency_type");
        List<ObjectNode> firstBatch = new ArrayList<>(accepted.subList(0, 20));
        firstBatch.add(bad);
        HttpResponse<String> first = post(batch(firstBatch), false);

        List<ObjectNode> mixedPlayers = new ArrayList<>(accepted.subList(20, 30));
        for (int i = 0; i < 5; i++) {
            ObjectNode bobEvent = event(bob, "store_view");
            mixedPlayers.add(bobEvent);
            accepted.add(bobEvent);
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(batch(mixedPlayers));
        }
        HttpResponse<String> second = post(gz.toByteArray(), true);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(first.body()).get("accepted").asInt()).isEqualTo(20);
        assertThat(MAPPER.readTree(first.body()).get("rejected").get(0).get("error").asText())
                .isEqualTo("props.currency_type is required for type currency_earn");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(second.body()).get("accepted").asInt()).isEqualTo(15);

        List<JsonNode> inStream = decodedEvents(LocalPlatform.EVENTS_STREAM).stream()
                .filter(e -> Set.of(alice, bob).contains(e.get("player_id").asText())).toList();
        assertThat(inStream).extracting(e -> e.get("event_id").asText())
                .containsExactlyInAnyOrderElementsOf(accepted.stream().map(e -> e.get("event_id").asText()).toList());
        assertThat(inStream).allSatisfy(e -> assertThat(e.get("game_id").asText()).isEqualTo(LocalPlatform.LOCAL_GAME_ID));

        List<JsonNode> quarantined = decodedEvents(LocalPlatform.QUARANTINE_STREAM).stream()
                .filter(q -> q.get("event").path("player_id").asText().equals(alice)).toList();
        assertThat(quarantined).hasSize(1);
        assertThat(quarantined.get(0).get("event").get("event_id").asText()).isEqualTo(bad.get("event_id").asText());
        assertThat(quarantined.get(0).get("error").asText()).isEqualTo("props.currency_type is required for type currency_earn");
    }

    @Test
    void aPlayersEvents_shareOnePartitionKey_soTheyStayOnOneShardInOrder() throws Exception {
        String carol = "carol-" + UUID.randomUUID();
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(event(carol, "store_view"));
        }
        assertThat(post(batch(events), false).statusCode()).isEqualTo(200);

        Set<String> keys = new HashSet<>();
        List<String> order = new ArrayList<>();
        for (Record record : StreamReader.readAll(platform.aws().kinesis(), LocalPlatform.EVENTS_STREAM)) {
            for (JsonNode e : BatchCodec.decodeEvents(record.data().asByteArray())) {
                if (e.get("player_id").asText().equals(carol)) {
                    keys.add(record.partitionKey());
                    order.add(e.get("event_id").asText());
                }
            }
        }
        assertThat(keys).as("keyed by game and player").containsExactly(LocalPlatform.LOCAL_GAME_ID + "/" + carol);
        assertThat(order).containsExactlyElementsOf(events.stream().map(e -> e.get("event_id").asText()).toList());
    }

    @Test
    void health_reportsEachComponent() throws Exception {
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(platform.baseUrl().resolve("/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode components = MAPPER.readTree(health.body()).get("components");
        assertThat(components.get("kinesis").get("status").asText()).isEqualTo("up");
        assertThat(components.get("dynamodb").get("status").asText()).isEqualTo("up");
        assertThat(components.get("gateway").get("status").asText()).isEqualTo("up");
    }

    @Test
    void unknownRoute_is404LikeApiGateway() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(platform.baseUrl().resolve("/v1/nope")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"message\":\"Not Found\"}");
    }

    @Test
    void wrongKey_is401_throughTheGateway() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(platform.baseUrl() + "/v1/events"))
                .header("x-api-key", "wrong").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"events\":[]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(MAPPER.readTree(response.body()).get("error").asText()).isEqualTo("missing or unknown x-api-key");
    }
}
