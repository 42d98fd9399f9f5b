package io.playerlens.local.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.event.PlayerKey;
import io.playerlens.contracts.profile.ProfileItem;
import io.playerlens.emulators.StreamReader;
import io.playerlens.local.platform.LocalPlatform;
import io.playerlens.simulator.PlayerSimulator;
import io.playerlens.store.ProfileStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The dual path end to end: simulated clients send events through the local gateway; the Flink feature job keeps
 * the online profiles while the local archiver (Firehose's stand-in) writes the raw archive; then the Spark backfill
 * (spark-offline's jar, as {@code ./playerlens offline} runs it) recomputes the features from the archive with the
 * same feature SQL and its parity report compares them with the online profiles: on a quiet stream the lifetime
 * features must match for every player.
 */
class ArchiveAndOfflineParityIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void everyAcceptedEventIsArchived_andTheSparkBackfillMatchesTheFlinkProfiles() throws Exception {
        Path offlineJar = Path.of("..", "spark-offline", "target", "spark-offline.jar").toAbsolutePath().normalize();
        assertThat(offlineJar).as("spark-offline is packaged before local-runner's integration tests (mvn verify)").exists();
        Path work = Path.of("target", "it-archive").toAbsolutePath();
        deleteRecursively(work);
        try (LocalPlatform platform = LocalPlatform.start(new LocalPlatform.Options(0, "dev-key", 2, work, 1))) {
            // How ./playerlens offline finds the running stack's DynamoDB by default.
            assertThat(MAPPER.readTree(work.resolve("endpoints.json").toFile()).get("dynamodb").asText())
                    .isEqualTo(platform.aws().dynamoDbEndpoint().toString());
            HttpClient http = HttpClient.newHttpClient();
            PlayerSimulator simulator = new PlayerSimulator(5, 12, "parity-");
            Map<String, Set<String>> eventIds = new HashMap<>();
            long now = System.currentTimeMillis();
            for (int round = 0; round < 120; round++) {
                for (ObjectNode body : simulator.nextRequests(now + round * 1000L, 10)) {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(platform.baseUrl().resolve("/v1/events"))
                            .header("x-api-key", "dev-key").header("content-type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    assertThat(MAPPER.readTree(response.body()).get("rejected")).isEmpty();
                    body.get("events").forEach(e -> eventIds.computeIfAbsent(e.get("player_id").asText(), p -> new HashSet<>())
                            .add(e.get("event_id").asText()));
                }
            }

            // A quiet stream: every profile counts every distinct event, and the archiver has read every record.
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> eventIds.forEach((player, ids) -> {
                var features = ProfileStore.features(platform.aws().dynamoDb(), LocalPlatform.PROFILES_TABLE, PlayerKey.of(LocalPlatform.LOCAL_GAME_ID, player));
                assertThat(features).as(player).isPresent();
                assertThat(features.get().get("events_total")).as(player).isEqualTo((long) ids.size());
            }));
            // Offers for a few players: each decision is archived beside the events (and left out of the features).
            List<String> offered = eventIds.keySet().stream().sorted().limit(3).toList();
            Map<String, String> variants = new HashMap<>();
            for (String player : offered) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(platform.baseUrl().resolve("/v1/players/" + player
                        + "/offers?placement=store")).header("x-api-key", "dev-key").GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                variants.put(player, MAPPER.readTree(response.body()).get("variant").asText());
            }
            int records = StreamReader.readAll(platform.aws().kinesis(), LocalPlatform.EVENTS_STREAM).size();
            await().atMost(Duration.ofSeconds(30)).until(() -> platform.archiver().recordsArchived() >= records
                    && platform.archiver().decisionsArchived() >= offered.size());
            platform.archiver().flush();

            Path archive = LocalPlatform.archiveDir(platform.options());
            Set<String> archivedIds = new HashSet<>();
            Map<String, String> decisions = new HashMap<>();
            Set<LocalDate> days = new TreeSet<>();
            try (Stream<Path> files = Files.walk(archive.resolve("raw"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".gz")).toList()) {
                    assertThat(file.getParent().getFileName().toString()).matches("hour=\\d\\d");
                    assertThat(file.getParent().getParent().getFileName().toString()).matches("dt=\\d{4}-\\d\\d-\\d\\d");
                    for (String line : lines(file)) {
                        JsonNode event = MAPPER.readTree(line);
                        if ("offer_served".equals(event.get("type").asText())) {
                            decisions.put(event.get("player_id").asText(), event.get("props").get("variant").asText());
                            continue;
                        }
                        archivedIds.add(event.get("event_id").asText());
                        days.add(Instant.ofEpochMilli(event.get("ts").asLong()).atZone(ZoneOffset.UTC).toLocalDate());
                    }
                }
            }
            Set<String> sent = new HashSet<>();
            eventIds.values().forEach(sent::addAll);
            assertThat(archivedIds).as("every accepted event is in the raw archive").isEqualTo(sent);
            assertThat(decisions).as("every offers decision is in the raw archive, as served").isEqualTo(variants);

            Path out = work.resolve("backfill");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process backfill = new ProcessBuilder(java, "-Xmx2g", "-Xss4m", "-jar", offlineJar.toString(), "backfill",
                    "--archive", archive.toString(), "--from", days.iterator().next().toString(), "--to", ((TreeSet<LocalDate>) days).last().toString(),
                    "--endpoint", platform.aws().dynamoDbEndpoint().toString(), "--table", LocalPlatform.PROFILES_TABLE,
                    "--no-write", "--parity-sample", "1000", "--out", out.toString()).redirectErrorStream(true).start();
            String output = new String(backfill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            System.out.println(output);
            assertThat(backfill.waitFor()).as(output).isZero();

            JsonNode parity = MAPPER.readTree(out.resolve("backfill-report.json").toFile()).get("result").get("parity");
            assertThat(parity.get("sampled").asInt()).isEqualTo(eventIds.size());
            assertThat(parity.get("missingOnline").asInt()).isZero();
            assertThat(parity.get("compared").asInt()).isGreaterThanOrEqualTo(eventIds.size() * 10);
            assertThat(parity.get("mismatched").asInt()).as(parity.get("examples").toString()).isZero();
        }
    }

    private static List<String> lines(Path file) throws Exception {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            return in.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
