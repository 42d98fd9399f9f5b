package io.playerlens.local.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.codec.BatchCodec;
import io.playerlens.contracts.event.PlayerKey;
import io.playerlens.contracts.profile.ProfileItem;
import io.playerlens.contracts.quarantine.QuarantineEntry;
import io.playerlens.contracts.testing.HostileJson;
import io.playerlens.emulators.StreamReader;
import io.playerlens.store.testing.HostileItems;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Hostile and odd input as normal traffic, through the local gateway: generated hostile events mixed into normal
 * players' batches, broken bodies, records written straight to the stream by "another producer", and items written
 * straight to the profiles table. The feature job stays RUNNING and {@code /health} ok throughout; every player's
 * profile equals an oracle computed from the events ingest accepted (read back from the events stream); every event
 * ingest refused is in the quarantine stream with the reason it answered; every record the job refused is a dead
 * letter with its reason; no API answers a 500.
 */
class HostileTrafficIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int NORMAL_PLAYERS = 6;
    private static final int BATCHES = 40;
    private static final Set<Integer> WHOLE_REQUEST_REFUSALS = Set.of(400, 413, 415);

    private static LocalPlatform platform;
    private static final List<String> healthSeen = new CopyOnWriteArrayList<>();
    private static ScheduledExecutorService healthProbe;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.start(new LocalPlatform.Options(0, "dev-key", 2, Path.of("target", "it-hostile"), 2));
        healthProbe = Executors.newSingleThreadScheduledExecutor();
        healthProbe.scheduleAtFixedRate(() -> healthSeen.add(health()), 0, 500, TimeUnit.MILLISECONDS);
    }

    @AfterAll
    static void stop() {
        healthProbe.shutdownNow();
        platform.close();
    }

    @Test
    void hostileTraffic_isCountedExactlyOrQuarantinedWithItsReason_andNothingStops() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        Random random = new Random(1126);
        long now = System.currentTimeMillis();
        List<ObjectNode> hostile = HostileJson.events(now).sampleStream().limit(BATCHES * 6L).toList();
        Map<String, JsonNode> rejectedAtIngest = new LinkedHashMap<>(); // error → the event as sent
        int acceptedCount = 0;

        for (int b = 0; b < BATCHES; b++) {
            List<ObjectNode> batch = new ArrayList<>();
            for (int p = 0; p < NORMAL_PLAYERS; p++) {
                if (random.nextInt(3) == 0) {
                    batch.add(normalEvent(random, "n-" + run + "-" + p, now - 60_000 + b * 1000L));
                }
            }
            batch.addAll(hostile.subList(b * 6, b * 6 + 6));
            java.util.Collections.shuffle(batch, random);
            HttpResponse<String> response = post(HostileJson.body(batch));
            if (response.statusCode() != 200) {
                // A body the generator broke as a whole (a prop name no parser reads back): refused whole, nothing put.
                assertThat(response.statusCode()).as(response.body()).isIn(WHOLE_REQUEST_REFUSALS);
                continue;
            }
            JsonNode answer = MAPPER.readTree(response.body());
            for (JsonNode rejection : answer.get("rejected")) {
                rejectedAtIngest.put(rejection.get("error").asText() + "#" + b + "#" + rejection.get("index").asInt(),
                        batch.get(rejection.get("index").asInt()));
            }
            acceptedCount += answer.get("accepted").asInt();
        }
        Map<Integer, Integer> bodyStatuses = new java.util.TreeMap<>();
        for (byte[] body : HostileJson.bodies(now).sampleStream().limit(150).toList()) {
            HttpResponse<String> response = HTTP.send(eventsRequest().POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isIn(Set.of(200, 400, 413, 415));
            bodyStatuses.merge(response.statusCode(), 1, Integer::sum);
        }
        assertThat(acceptedCount).as("events get in").isGreaterThan(BATCHES * NORMAL_PLAYERS / 3);
        assertThat(rejectedAtIngest).as("and many are refused").isNotEmpty();

        // Another producer writes records no ingest would: they become dead letters, not a stopped job.
        String other = "other-" + run;
        ObjectNode tooSmall = event(other, "currency_earn", now, Map.of("amount", 1e-200, "currency_type", "coins"));
        ObjectNode noGame = event(other, "store_view", now, Map.of());
        noGame.remove("game_id");
        List<byte[]> foreign = List.of("garbage".getBytes(StandardCharsets.UTF_8),
                new BatchCodec().encodeLines(List.of(tooSmall.toString().getBytes(StandardCharsets.UTF_8), "{not json".getBytes(StandardCharsets.UTF_8),
                        noGame.toString().getBytes(StandardCharsets.UTF_8))));
        for (byte[] record : foreign) {
            platform.aws().kinesis().putRecord(r -> r.streamName(LocalPlatform.EVENTS_STREAM).partitionKey(other)
                    .data(SdkBytes.fromByteArray(record)));
        }

        // The oracle: what ingest accepted, read back from the events stream, deduplicated per player by event id.
        Map<String, Map<String, JsonNode>> accepted = new LinkedHashMap<>();
        for (var record : StreamReader.readAll(platform.aws().kinesis(), LocalPlatform.EVENTS_STREAM)) {
            List<JsonNode> events;
            try {
                events = BatchCodec.decodeEvents(record.data().asByteArray());
            } catch (RuntimeException foreignRecord) {
                continue;
            }
            for (JsonNode e : events) {
                if (e.hasNonNull("game_id") && !e.path("player_id").asText().equals(other)) {
                    accepted.computeIfAbsent(e.get("player_id").asText(), k -> new LinkedHashMap<>()).putIfAbsent(e.get("event_id").asText(), e);
                }
            }
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<String, Map<String, String>> problems = new HashMap<>();
            for (Map.Entry<String, Map<String, JsonNode>> player : accepted.entrySet()) {
                HttpResponse<String> response = get("/v1/players/" + player.getKey() + "/profile");
                if (response.statusCode() != 200) {
                    problems.put(player.getKey(), Map.of("status", response.statusCode() + " " + response.body()));
                    continue;
                }
                JsonNode served = MAPPER.readTree(response.body());
                // Every feature, windowed ones included (summed from tiles as of the read, no watermark involved).
                JsonNode expected = ProfileOracle.expected(new ArrayList<>(player.getValue().values()), ProfileOracle.asOf(served));
                Map<String, String> diffs = ProfileOracle.mismatches(expected, served.get("features"));
                if (!diffs.isEmpty() || served.has("problems")) {
                    problems.put(player.getKey(), diffs.isEmpty() ? Map.of("problems", served.get("problems").toString()) : diffs);
                }
            }
            assertThat(problems).as("players whose profile differs from the oracle").isEmpty();
        });

        // Every refusal is in the quarantine stream with its reason: ingest's as answered, the job's as dead letters.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<QuarantineEntry> quarantined = new ArrayList<>();
            for (var record : StreamReader.readAll(platform.aws().kinesis(), LocalPlatform.QUARANTINE_STREAM)) {
                BatchCodec.decodeEvents(record.data().asByteArray()).forEach(q -> quarantined.add(QuarantineEntry.fromJson(q)));
            }
            List<String> ingestErrors = quarantined.stream().filter(q -> q.source().equals(QuarantineEntry.SOURCE_INGEST))
                    .map(QuarantineEntry::error).toList();
            assertThat(ingestErrors).containsAll(rejectedAtIngest.keySet().stream().map(k -> k.substring(0, k.indexOf('#'))).toList());
            List<QuarantineEntry> deadLetters = quarantined.stream().filter(q -> q.source().equals(QuarantineEntry.SOURCE_FEATURE_JOB)).toList();
            assertThat(deadLetters).extracting(QuarantineEntry::error).containsExactlyInAnyOrder(
                    "the record cannot be decoded: not a playerlens record: no gzip header",
                    "props.amount must be a number from 0 to 1000000000000 (0 or at least 0.000001) for type currency_earn; "
                            + "got 1E-200, which is below the resolution",
                    "record holds a line that is not JSON: Unexpected character ('n' (code 110)): was expecting double-quote to start field name",
                    "game_id is required");
            assertThat(platform.deadLetters()).isEqualTo(4);
        });

        // Items no writer would produce, straight into the table: the profile and offers APIs serve or report them.
        List<Map<String, AttributeValue>> items = HostileItems.attributes().sampleStream().limit(120).toList();
        int stored = 0;
        for (int i = 0; i < items.size(); i++) {
            String player = "item-" + run + "-" + i;
            Map<String, AttributeValue> item = new HashMap<>(items.get(i));
            item.put(ProfileItem.KEY, AttributeValue.fromS(PlayerKey.value(LocalPlatform.LOCAL_GAME_ID, player)));
            item.put("player_id", AttributeValue.fromS(player));
            item.putIfAbsent("game_id", AttributeValue.fromS(LocalPlatform.LOCAL_GAME_ID));
            try {
                platform.aws().dynamoDb().putItem(r -> r.tableName(LocalPlatform.PROFILES_TABLE).item(item));
                stored++;
            } catch (DynamoDbException refusedByTheStore) {
                continue; // an item the table cannot hold cannot be read back either
            }
            // Shown escaped: the items hold NULs and lone surrogates, which would cut a raw report short.
            String shown = io.playerlens.contracts.event.Unicode.printable(item.toString(), 2_000);
            HttpResponse<String> profile = get("/v1/players/" + player + "/profile");
            assertThat(profile.statusCode()).as("GET profile of %s → %s", shown, profile.body()).isIn(200, 404);
            HttpResponse<String> offers = get("/v1/players/" + player + "/offers?placement=store");
            assertThat(offers.statusCode()).as("GET offers of %s → %s", shown, offers.body()).isEqualTo(200);
            HttpResponse<String> erase = HTTP.send(HttpRequest.newBuilder(platform.baseUrl().resolve("/v1/players/" + player))
                    .header("x-api-key", "dev-key").DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(erase.statusCode()).as("DELETE of %s → %s", shown, erase.body()).isIn(202, 404);
        }
        assertThat(stored).as("items the table held").isGreaterThan(30);
        System.out.printf("hostile traffic: %d hostile events in %d batches with normal players' events: %d accepted, %d refused at"
                + " ingest (all quarantined); %d hostile bodies: statuses %s; %d players checked against the oracle; 4 foreign records"
                + " → %d dead letters; %d odd stored items served or reported; 0 answers 500%n", hostile.size(), BATCHES, acceptedCount,
                rejectedAtIngest.size(), bodyStatuses.values().stream().mapToInt(Integer::intValue).sum(), bodyStatuses, accepted.size(),
                platform.deadLetters(), stored);

        assertThat(healthSeen).as("/health every 500 ms during the run").isNotEmpty()
                .allSatisfy(h -> assertThat(h).startsWith("200 "));
        assertThat(MAPPER.readTree(health().substring(4)).path("components").path("feature_job").path("job_status").asText())
                .isEqualTo("RUNNING");
    }

    private static ObjectNode normalEvent(Random random, String player, long ts) {
        switch (random.nextInt(4)) {
            case 0:
                return clientEvent(player, "purchase", ts, Map.of("sku", "gems", "price_cents", 99 + random.nextInt(2000), "currency", "USD"));
            case 1:
                return clientEvent(player, "currency_earn", ts, Map.of("amount", 1 + random.nextInt(100), "currency_type", "coins"));
            case 2:
                return clientEvent(player, "session_start", ts, Map.of("platform", "ios", "country", "FR", "app_version", "1.0"));
            default:
                return clientEvent(player, "session_end", ts, Map.of("duration_s", 60.5 + random.nextInt(600)));
        }
    }

    private static ObjectNode clientEvent(String player, String type, long ts, Map<String, Object> props) {
        ObjectNode e = MAPPER.createObjectNode();
        e.put("event_id", UUID.randomUUID().toString());
        e.put("player_id", player);
        e.put("type", type);
        e.put("ts", ts);
        e.set("props", MAPPER.valueToTree(props));
        return e;
    }

    /** An event in the stream form (server stamps included), as another producer might write it. */
    private static ObjectNode event(String player, String type, long ts, Map<String, Object> props) {
        ObjectNode e = clientEvent(player, type, ts, props);
        e.put("game_id", LocalPlatform.LOCAL_GAME_ID);
        e.put("received_at", ts);
        return e;
    }

    private static HttpRequest.Builder eventsRequest() {
        return HttpRequest.newBuilder(platform.baseUrl().resolve("/v1/events")).header("x-api-key", "dev-key")
                .header("content-type", "application/json");
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return HTTP.send(eventsRequest().POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(platform.baseUrl().resolve(path)).header("x-api-key", "dev-key").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String health() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(platform.baseUrl().resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (Exception e) {
            return "error " + e;
        }
    }
}
