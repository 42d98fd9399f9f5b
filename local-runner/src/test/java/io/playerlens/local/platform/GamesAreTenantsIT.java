package io.playerlens.local.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two games on one local stack, each with its own key, and the same player ids in both: events, profiles, offers and
 * erasure of one game never see or change the other's player; a request for another game's player is the same 404 as
 * for a player that does not exist; and a game flooding ingest over its limit is refused with 429 while the other
 * game's requests are all taken.
 */
class GamesAreTenantsIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String KEY_A = "key-of-game-a";
    private static final String KEY_B = "key-of-game-b";
    private static final double B_LIMIT = 40;

    private static LocalPlatform platform;

    @BeforeAll
    static void start() {
        LocalGames games = LocalGames.of(List.of(new LocalGames.Game("game-a", KEY_A, OptionalDouble.empty()),
                new LocalGames.Game("game-b", KEY_B, OptionalDouble.of(B_LIMIT))));
        platform = LocalPlatform.start(new LocalPlatform.Options(0, "unused", 2, Path.of("target", "it-tenants"), 2).withGames(games)
                .withModelsDir(modelsWithRoomyBudgets(Path.of("target", "it-tenants-models"))));
    }

    /**
     * The checkout's models with every placement's budget at its largest, 1 s: this test asserts who serves a player
     * (a model or the defaults), not how fast, and on a busy 2-core machine the first offers call of a cold JVM can
     * pass 60 ms (it did, in a clean-clone verify on 2026-12-02).
     */
    private static Path modelsWithRoomyBudgets(Path dir) {
        Path source = LocalPlatform.defaultModelsDir();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = dir.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            ObjectNode placements = (ObjectNode) MAPPER.readTree(dir.resolve("placements.json").toFile());
            placements.properties().forEach(p -> {
                if (p.getValue().isObject()) {
                    ((ObjectNode) p.getValue()).put("budget_ms", 1000);
                }
            });
            MAPPER.writeValue(dir.resolve("placements.json").toFile(), placements);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static HttpResponse<String> send(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(platform.baseUrl().resolve(path)).header("x-api-key", key)
                .timeout(Duration.ofSeconds(20));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String key, List<ObjectNode> events) throws Exception {
        ObjectNode body = MAPPER.createObjectNode();
        body.putArray("events").addAll(events);
        HttpResponse<String> response = send("POST", "/v1/events", key, body.toString());
        if (response.statusCode() == 200) {
            assertThat(MAPPER.readTree(response.body()).get("rejected")).as(response.body()).isEmpty();
        }
        return response;
    }

    private static ObjectNode event(String player, String type, Object... props) {
        ObjectNode e = MAPPER.createObjectNode();
        e.put("event_id", UUID.randomUUID().toString());
        e.put("player_id", player);
        e.put("type", type);
        e.put("ts", System.currentTimeMillis());
        ObjectNode p = e.putObject("props");
        for (int i = 0; i < props.length; i += 2) {
            p.putPOJO((String) props[i], props[i + 1]);
        }
        return e;
    }

    private static JsonNode features(String key, String player) throws Exception {
        HttpResponse<String> response = send("GET", "/v1/players/" + player + "/profile", key, null);
        return response.statusCode() == 200 ? MAPPER.readTree(response.body()).get("features") : null;
    }

    /** The player's features once its lifetime row (events_total and the rest) is written; null before that. */
    private static JsonNode lifetime(String key, String player) throws Exception {
        JsonNode features = features(key, player);
        return features != null && features.hasNonNull("events_total") ? features : null;
    }

    @Test
    void theSamePlayerIdInTwoGames_isTwoPlayers_andNeitherGameSeesOrChangesTheOther() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String shared = "p-" + run;
        String onlyInA = "a-only-" + run;
        List<ObjectNode> purchases = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            purchases.add(event(shared, "purchase", "sku", "gems_100", "price_cents", 499, "currency", "USD"));
        }
        purchases.add(event(onlyInA, "store_view"));
        assertThat(post(KEY_A, purchases).statusCode()).isEqualTo(200);
        assertThat(post(KEY_B, List.of(event(shared, "session_start", "platform", "ios", "country", "FR", "app_version", "3.4.1"))).statusCode()).isEqualTo(200);

        // A profile shows as soon as its first feature row is written; the lifetime row and the windowed rows are
        // separate upserts (a CI run on 2026-12-03 read a profile holding only its windowed features), so wait for the
        // lifetime features themselves.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(lifetime(KEY_A, shared)).as("game A's %s", shared).isNotNull();
            assertThat(lifetime(KEY_B, shared)).as("game B's %s", shared).isNotNull();
            assertThat(lifetime(KEY_A, onlyInA)).as("game A's %s", onlyInA).isNotNull();
        });
        JsonNode inA = features(KEY_A, shared);
        JsonNode inB = features(KEY_B, shared);
        assertThat(inA.get("purchases_total").asLong()).isEqualTo(3);
        assertThat(inA.get("events_total").asLong()).isEqualTo(3);
        assertThat(inB.get("purchases_total").asLong()).as("game B's player never saw A's purchases").isZero();
        assertThat(inB.get("events_total").asLong()).isEqualTo(1);
        assertThat(inB.get("platform").asText()).isEqualTo("ios");
        assertThat(MAPPER.readTree(send("GET", "/v1/players/" + shared + "/profile", KEY_B, null).body()).get("game_id").asText())
                .isEqualTo("game-b");

        // Another game's player is indistinguishable from a player that does not exist.
        HttpResponse<String> foreign = send("GET", "/v1/players/" + onlyInA + "/profile", KEY_B, null);
        HttpResponse<String> nobody = send("GET", "/v1/players/nobody-" + run + "/profile", KEY_B, null);
        assertThat(foreign.statusCode()).isEqualTo(404).isEqualTo(nobody.statusCode());
        assertThat(foreign.body().replace(onlyInA, "X")).isEqualTo(nobody.body().replace("nobody-" + run, "X"));
        JsonNode foreignOffers = MAPPER.readTree(send("GET", "/v1/players/" + onlyInA + "/offers?placement=store", KEY_B, null).body());
        JsonNode nobodyOffers = MAPPER.readTree(send("GET", "/v1/players/nobody-" + run + "/offers?placement=store", KEY_B, null).body());
        assertThat(foreignOffers.get("fallback").asBoolean()).as("B gets defaults for A's player, as for no player").isTrue();
        assertThat(foreignOffers.get("reason")).isNotNull().isEqualTo(nobodyOffers.get("reason"));
        JsonNode ownOffers = MAPPER.readTree(send("GET", "/v1/players/" + onlyInA + "/offers?placement=store", KEY_A, null).body());
        assertThat(ownOffers.get("fallback").asBoolean()).as("A's own player is served by a model").isFalse();

        // B erases its player: A's player of the same id keeps everything.
        assertThat(send("DELETE", "/v1/players/" + shared, KEY_B, null).statusCode()).isEqualTo(202);
        assertThat(features(KEY_B, shared)).isNull();
        // B's player comes back with only what B sends after the erasure; once it shows, the job has applied the erasure.
        assertThat(post(KEY_B, List.of(event(shared, "store_view"))).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> lifetime(KEY_B, shared) != null);
        assertThat(features(KEY_B, shared).get("events_total").asLong()).isEqualTo(1);
        assertThat(features(KEY_A, shared).get("purchases_total").asLong()).as("A's player is untouched by B's erasure").isEqualTo(3);
        // B cannot erase A's player either: its DELETE only concerns B's player of that id.
        assertThat(send("DELETE", "/v1/players/" + onlyInA, KEY_B, null).statusCode()).isEqualTo(202);
        assertThat(features(KEY_A, onlyInA)).as("A's player is still there").isNotNull();
    }

    @Test
    void aGameFloodingIngest_isRefusedWith429_whileTheOtherGamesRequestsAreAllTaken() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        Map<Integer, Integer> statusesB = new TreeMap<>();
        Map<Integer, Integer> statusesA = new TreeMap<>();
        String retryAfter = null;
        int acceptedB = 0;
        long started = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            List<ObjectNode> batch = new ArrayList<>();
            for (int e = 0; e < 20; e++) {
                batch.add(event("flood-" + run + "-" + e, "store_view"));
            }
            HttpResponse<String> b = post(KEY_B, batch);
            statusesB.merge(b.statusCode(), 1, Integer::sum);
            acceptedB += b.statusCode() == 200 ? batch.size() : 0;
            if (b.statusCode() == 429) {
                retryAfter = b.headers().firstValue("retry-after").orElse(null);
            }
            statusesA.merge(post(KEY_A, batch).statusCode(), 1, Integer::sum);
        }
        assertThat(statusesA).as("game A is not limited by B's flood").containsOnlyKeys(200);
        assertThat(statusesB).as("400 events sent at once against a limit of %s/s", B_LIMIT).containsKeys(200, 429).containsOnlyKeys(200, 429);
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat((double) acceptedB).as("B's burst and its rate over %.1f s, plus one batch, at most", seconds)
                .isLessThanOrEqualTo(B_LIMIT + B_LIMIT * seconds + 20);
        assertThat(retryAfter).isNotNull();
        assertThat(Long.parseLong(retryAfter)).isPositive();
    }
}
