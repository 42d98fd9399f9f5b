package io.playerlens.local.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole loop on the local platform: events POSTed through the gateway (duplicated, shuffled, some late) →
 * Kinesis (2 shards) → the feature job (parallelism 2) → DynamoDB → GET profile, compared feature by feature with
 * an oracle computed here from the events.
 */
class ProfilesEndToEndIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WATERMARK_BOUND = Duration.ofDays(2);
    private static final Instant DAY_0 = Instant.now().minus(Duration.ofDays(12)).truncatedTo(ChronoUnit.DAYS);
    private static final int DAYS = 9;
    private static final int PLAYERS = 10;

    private static LocalPlatform platform;

    @BeforeAll
    static void start() {
        // A watermark bound wider than one day of a round keeps on-time events on time whatever the interleaving of
        // players and shards; the late events below are days behind it, so their lateness is certain too.
        platform = LocalPlatform.start(new LocalPlatform.Options(0, "dev-key", 2, Path.of("target", "it-profiles"), 2,
                Map.of("watermark.max-out-of-orderness.ms", Long.toString(WATERMARK_BOUND.toMillis()),
                        "watermark.idleness.ms", "500")));
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static int post(List<? extends JsonNode> events) throws Exception {
        ObjectNode body = MAPPER.createObjectNode();
        ArrayNode array = body.putArray("events");
        events.forEach(array::add);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(platform.baseUrl().resolve("/v1/events"))
                .header("x-api-key", "dev-key").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(MAPPER.readTree(response.body()).get("rejected")).as(response.body()).isEmpty();
        return response.statusCode();
    }

    private static HttpResponse<String> profile(String player) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(platform.baseUrl().resolve("/v1/players/" + player + "/profile"))
                .header("x-api-key", "dev-key").build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ObjectNode event(String player, String type, long ts, Object... props) {
        ObjectNode e = MAPPER.createObjectNode();
        e.put("event_id", UUID.randomUUID().toString());
        e.put("player_id", player);
        e.put("type", type);
        e.put("ts", ts);
        ObjectNode p = e.putObject("props");
        for (int i = 0; i < props.length; i += 2) {
            if (props[i + 1] instanceof Number n) {
                p.put((String) props[i], n.doubleValue() == Math.rint(n.doubleValue()) ? (Object) n.longValue() instanceof Long l ? l : 0 : n.doubleValue());
            } else {
                p.put((String) props[i], String.valueOf(props[i + 1]));
            }
        }
        return e;
    }

    /** One player's day: a session with levels, coins and sometimes a purchase. Timestamps are distinct. */
    private static List<ObjectNode> day(Random random, String player, int day) {
        long t = DAY_0.plus(Duration.ofDays(day)).toEpochMilli() + random.nextInt(3_600_000);
        List<ObjectNode> events = new ArrayList<>();
        String[] platforms = {"ios", "android"};
        String[] countries = {"FR", "US", "JP", "BR"};
        events.add(event(player, "session_start", t += 1000, "platform", platforms[random.nextInt(2)],
                "country", countries[random.nextInt(4)], "app_version", "3.4.1"));
        int levels = 1 + random.nextInt(4);
        for (int i = 0; i < levels; i++) {
            events.add(event(player, "level_complete", t += 60_000, "level", day * 5 + i + 1, "duration_s", 30 + random.nextInt(90)));
            events.add(event(player, "currency_earn", t += 1000, "amount", 10 * (1 + random.nextInt(5)), "currency_type", "coins"));
        }
        if (random.nextBoolean()) {
            events.add(event(player, "currency_spend", t += 1000, "amount", 5, "currency_type", "coins", "item", "booster"));
        }
        if (random.nextInt(3) == 0) {
            events.add(event(player, "purchase", t += 1000, "sku", "gems_100", "price_cents", 99 + 100 * random.nextInt(5), "currency", "USD"));
        }
        events.add(event(player, "level_fail", t += 1000, "level", day * 5 + levels + 1));
        events.add(event(player, "session_end", t += 1000, "duration_s", 600 + random.nextInt(600) + 0.5));
        return events;
    }

    @Test
    void profiles_equalTheOracle_underDuplicatesShuffleAndLateEvents_andErasureStartsAFreshProfile() throws Exception {
        Random random = new Random(20261126);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> players = new ArrayList<>();
        for (int p = 0; p < PLAYERS; p++) {
            players.add("e2e-" + run + "-" + p);
        }
        Map<String, Map<String, JsonNode>> distinct = new LinkedHashMap<>();
        players.forEach(p -> distinct.put(p, new LinkedHashMap<>()));
        List<List<ObjectNode>> sent = new ArrayList<>();

        for (int d = 0; d < DAYS; d++) {
            for (String player : players) {
                List<ObjectNode> batch = day(random, player, d);
                batch.forEach(e -> distinct.get(player).put(e.get("event_id").asText(), e));
                Collections.shuffle(batch, random);
                post(batch);
                sent.add(batch);
                if (random.nextInt(4) == 0) {
                    post(sent.get(random.nextInt(sent.size()))); // a client re-sending a batch it is unsure of
                }
            }
        }
        // The clock moves on: an event now pushes the watermark past every event above.
        post(List.of(event("e2e-" + run + "-clock", "store_view", System.currentTimeMillis())));
        Set<String> late = new HashSet<>();
        awaitProfilesMatch(players, distinct, late);

        // Late events, days behind the watermark: they count in lifetime features, not in windows.
        for (String player : players.subList(0, 3)) {
            long t = DAY_0.plus(Duration.ofDays(DAYS - 2)).toEpochMilli() + 5 * 3_600_000L;
            List<ObjectNode> lateBatch = List.of(
                    event(player, "session_start", t, "platform", "web", "country", "DE", "app_version", "3.4.0"),
                    event(player, "purchase", t + 1000, "sku", "late_pack", "price_cents", 1234, "currency", "USD"));
            lateBatch.forEach(e -> {
                distinct.get(player).put(e.get("event_id").asText(), e);
                late.add(e.get("event_id").asText());
            });
            post(lateBatch);
        }
        awaitProfilesMatch(players, distinct, late);

        // Erasure: 202, then 404; everything received before it is gone, everything received after it counts (ErasureRule):
        // an old batch re-sent after the erasure is received after it, so it counts in the fresh profile with the new event.
        String erased = players.get(0);
        HttpResponse<String> delete = HTTP.send(HttpRequest.newBuilder(platform.baseUrl().resolve("/v1/players/" + erased))
                .header("x-api-key", "dev-key").DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(delete.statusCode()).isEqualTo(202);
        assertThat(profile(erased).statusCode()).as("404 as soon as DELETE answered").isEqualTo(404);
        await().atMost(Duration.ofSeconds(30)).until(() -> MAPPER.readTree(HTTP.send(HttpRequest.newBuilder(platform.baseUrl()
                .resolve("/v1/players/" + erased + "/erasure")).header("x-api-key", "dev-key").build(), HttpResponse.BodyHandlers.ofString())
                .body()).path("status").asText().equals("completed"));
        assertThat(profile(erased).statusCode()).as("no write held back from before the erasure brought it back").isEqualTo(404);
        List<ObjectNode> resent = sent.get(0);
        assertThat(resent).allMatch(e -> e.get("player_id").asText().equals(erased));
        post(resent);
        ObjectNode fresh = event(erased, "store_view", System.currentTimeMillis());
        post(List.of(fresh));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> response = profile(erased);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode features = MAPPER.readTree(response.body()).get("features");
            assertThat(features.get("events_total").asLong()).isEqualTo(resent.size() + 1);
            assertThat(features.get("first_seen").asLong()).isEqualTo(resent.stream().mapToLong(e -> e.get("ts").asLong()).min().orElseThrow());
        });
    }

    private static void awaitProfilesMatch(List<String> players, Map<String, Map<String, JsonNode>> distinct, Set<String> late) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, Map<String, String>> problems = new HashMap<>();
            for (String player : players) {
                HttpResponse<String> response = profile(player);
                if (response.statusCode() != 200) {
                    problems.put(player, Map.of("status", Integer.toString(response.statusCode())));
                    continue;
                }
                JsonNode served = MAPPER.readTree(response.body());
                JsonNode expected = ProfileOracle.expected(new ArrayList<>(distinct.get(player).values()), ProfileOracle.asOf(served));
                Map<String, String> diffs = ProfileOracle.mismatches(expected, served.get("features"));
                if (!diffs.isEmpty()) {
                    problems.put(player, diffs);
                }
            }
            assertThat(problems).isEmpty();
        });
    }
}
