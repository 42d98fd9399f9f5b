package io.playerlens.local.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playerlens.local.platform.LocalPlatform;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults under a steady open-loop load, checked against an oracle: the events each client had acknowledged with 200.
 * An emulator is frozen ({@code SIGSTOP}: it stops answering and keeps its data, as an AWS outage does) for a few
 * seconds, then thawed. While it lasts, {@code /health} reports it, ingest answers 503 with {@code retry-after} (Kinesis
 * down) and the profile API 503 within its budget while offers fall back to defaults (DynamoDB down); clients retry;
 * afterwards every acknowledged event is counted exactly once in its player's profile. The feature job killed mid-load
 * and restored from its latest checkpoint counts every event exactly once too.
 */
class FaultInjectionIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration OUTAGE = Duration.ofSeconds(6);

    private static LocalPlatform platform;

    @BeforeAll
    static void start() {
        // Checkpoints every 2 s, so a kill mid-load has a recent one to restore from (10 s by default).
        platform = LocalPlatform.start(new LocalPlatform.Options(0, "dev-key", 2, Path.of("target", "it-faults"), 2,
                Map.of("checkpoint.interval.ms", "2000")));
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(platform.baseUrl().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("x-api-key", "dev-key").build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String componentStatus(String component) throws Exception {
        JsonNode health = MAPPER.readTree(get("/health").body());
        return health.path("components").path(component).path("status").asText();
    }

    private static List<String> players(String prefix) {
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> players = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            players.add(prefix + "-" + run + "-" + i);
        }
        return players;
    }

    /** Every player's events_total equals the events acknowledged for it: nothing lost, nothing doubled. */
    private static void awaitProfilesMatch(SteadyRetryingLoad load, List<String> players) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(load::allAcknowledged);
        Map<String, Long> expected = load.acknowledgedPerPlayer();
        assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(players);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String player : players) {
                HttpResponse<String> profile = get("/v1/players/" + player + "/profile");
                assertThat(profile.statusCode()).as(player).isEqualTo(200);
                assertThat(MAPPER.readTree(profile.body()).get("features").get("events_total").asLong()).as(player)
                        .isEqualTo(expected.get(player));
            }
        });
    }

    @Test
    void kinesisDown_ingestAnswers503WithRetryAfter_andEveryAcknowledgedEventCountsExactlyOnce() throws Exception {
        List<String> players = players("kfault");
        try (SteadyRetryingLoad load = new SteadyRetryingLoad(platform.baseUrl(), "dev-key", players, 5, Duration.ofSeconds(150))) {
            load.start(Duration.ofMillis(100));
            await().atMost(Duration.ofSeconds(30)).until(() -> load.acknowledgedPerPlayer().size() == players.size());

            platform.aws().freezeKinesis();
            try {
                await().atMost(Duration.ofSeconds(15)).until(() -> componentStatus("kinesis").equals("down"));
                assertThat(get("/health").statusCode()).isEqualTo(503);
                await().atMost(Duration.ofSeconds(30)).until(() -> load.statuses().getOrDefault("503", 0L) > 0);
            } finally {
                Thread.sleep(OUTAGE.toMillis()); // the outage lasts this long whatever the checks above saw
                platform.aws().thawKinesis();
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> componentStatus("kinesis").equals("up"));
            Thread.sleep(2_000); // the load goes on after the fault, on its schedule
            load.stopSending();

            awaitProfilesMatch(load, players);
            assertThat(load.refusalsWithoutRetryAfter()).as("every 503 says when to retry").isZero();
            assertThat(load.statuses()).doesNotContainKeys("500", "gave_up");
            System.out.printf("kinesis outage of %d s under %d events/s: statuses %s; %d events acknowledged, each counted once%n",
                    OUTAGE.toSeconds(), 50, load.statuses(), load.acknowledgedPerPlayer().values().stream().mapToLong(Long::longValue).sum());
        }
    }

    @Test
    void dynamoDbDown_profileAnswers503InTime_offersFallBack_theJobCatchesUp_andNothingIsLostOrDoubled() throws Exception {
        List<String> players = players("dfault");
        try (SteadyRetryingLoad load = new SteadyRetryingLoad(platform.baseUrl(), "dev-key", players, 5, Duration.ofSeconds(150))) {
            load.start(Duration.ofMillis(100));
            await().atMost(Duration.ofSeconds(30)).until(() -> get("/v1/players/" + players.get(0) + "/profile").statusCode() == 200);

            long profileMillis;
            long offersMillis;
            JsonNode offers;
            int profileStatus;
            platform.aws().freezeDynamoDb();
            try {
                await().atMost(Duration.ofSeconds(15)).until(() -> componentStatus("dynamodb").equals("down"));
                long started = System.nanoTime();
                HttpResponse<String> profile = get("/v1/players/" + players.get(0) + "/profile");
                profileMillis = (System.nanoTime() - started) / 1_000_000;
                profileStatus = profile.statusCode();
                assertThat(profile.headers().firstValue("retry-after")).isPresent();
                started = System.nanoTime();
                HttpResponse<String> offersResponse = get("/v1/players/" + players.get(0) + "/offers?placement=store");
                offersMillis = (System.nanoTime() - started) / 1_000_000;
                assertThat(offersResponse.statusCode()).isEqualTo(200);
                offers = MAPPER.readTree(offersResponse.body());
            } finally {
                Thread.sleep(OUTAGE.toMillis());
                platform.aws().thawDynamoDb();
            }
            assertThat(profileStatus).as("the profile API answers, and says the store is unavailable").isEqualTo(503);
            assertThat(profileMillis).as("within the DynamoDB client's 3 s call budget, with room").isLessThan(10_000);
            assertThat(offers.get("fallback").asBoolean()).as("offers fall back to the placement's defaults").isTrue();
            assertThat(offers.get("offers")).isNotEmpty();
            assertThat(offersMillis).as("within the placement's budget, with room for a busy machine").isLessThan(5_000);
            await().atMost(Duration.ofSeconds(15)).until(() -> componentStatus("dynamodb").equals("up"));
            Thread.sleep(2_000);
            load.stopSending();

            awaitProfilesMatch(load, players);
            assertThat(load.statuses()).as("ingest does not need DynamoDB").containsOnlyKeys("200");
            System.out.printf("dynamodb outage of %d s under %d events/s: profile %d in %d ms, offers fallback %s in %d ms; ingest %s; "
                            + "%d events acknowledged, each counted once%n", OUTAGE.toSeconds(), 50, profileStatus, profileMillis,
                    offers.get("reason"), offersMillis, load.statuses(),
                    load.acknowledgedPerPlayer().values().stream().mapToLong(Long::longValue).sum());
        }
    }

    @Test
    void theFeatureJobKilledMidStream_restoresFromItsLatestCheckpoint_andCountsEveryEventExactlyOnce() throws Exception {
        List<String> players = players("jfault");
        try (SteadyRetryingLoad load = new SteadyRetryingLoad(platform.baseUrl(), "dev-key", players, 5, Duration.ofSeconds(150))) {
            load.start(Duration.ofMillis(100));
            await().atMost(Duration.ofSeconds(30)).until(() -> get("/v1/players/" + players.get(0) + "/profile").statusCode() == 200);
            Thread.sleep(5_000); // a few checkpoints under load; the kill lands between two of them, as a crash does

            platform.killFeatureJobAndRestoreFromLatestCheckpoint();
            await().atMost(Duration.ofSeconds(60)).until(() -> componentStatus("feature_job").equals("up"));
            Thread.sleep(2_000);
            load.stopSending();

            awaitProfilesMatch(load, players);
            assertThat(load.statuses()).as("ingest does not need the job").containsOnlyKeys("200");
            System.out.printf("feature job killed under %d events/s and restored from its latest checkpoint: %d events acknowledged, "
                    + "each counted once%n", 50, load.acknowledgedPerPlayer().values().stream().mapToLong(Long::longValue).sum());
        }
    }
}
