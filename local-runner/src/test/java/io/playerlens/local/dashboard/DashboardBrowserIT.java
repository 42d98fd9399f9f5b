package io.playerlens.local.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.playerlens.contracts.event.PlayerKey;
import io.playerlens.contracts.profile.ProfileItem;
import io.playerlens.local.platform.LocalPlatform;
import io.playerlens.simulator.SimulatorDriver;
import io.playerlens.store.ProfileStore;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in a real browser (headless Debian chromium driven by playwright-core, see
 * {@code src/test/js/dashboard-check.mjs}) against a running local platform with the simulator sending load:
 * the page loads, its charts draw live data, and the player lookup shows a profile and every model's offers.
 * Leaves a screenshot in {@code target/dashboard.png}.
 */
class DashboardBrowserIT {

    @Test
    void dashboard_drawsLiveCharts_andLooksUpAPlayer() throws Exception {
        Path screenshot = Path.of("target", "dashboard.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        try (LocalPlatform platform = LocalPlatform.start(new LocalPlatform.Options(0, "dev-key", 1, Path.of("target", "it-dashboard"), 1));
             SimulatorDriver simulator = new SimulatorDriver(platform.baseUrl(), "dev-key", 100)) {
            String player = "dash-" + UUID.randomUUID().toString().substring(0, 8);
            long now = System.currentTimeMillis();
            String body = "{\"events\":[{\"event_id\":\"" + UUID.randomUUID() + "\",\"player_id\":\"" + player
                    + "\",\"type\":\"session_start\",\"ts\":" + now + ",\"props\":{\"platform\":\"android\",\"country\":\"DE\",\"app_version\":\"1.4.0\"}}]}";
            HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(platform.baseUrl().resolve("/v1/events"))
                    .header("x-api-key", "dev-key").header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
            assertThat(posted.body()).as("the event is valid").contains("\"accepted\":1");
            await().atMost(Duration.ofSeconds(60)).until(() -> ProfileStore.read(platform.aws().dynamoDb(), LocalPlatform.PROFILES_TABLE, PlayerKey.of(LocalPlatform.LOCAL_GAME_ID, player))
                    .filter(profile -> profile.features().containsKey("events_total")).isPresent());

            Process check = new ProcessBuilder("node", "src/test/js/dashboard-check.mjs", platform.baseUrl().toString(), player,
                    screenshot.toString()).redirectErrorStream(true).start();
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            System.out.println(output);
            assertThat(check.waitFor()).as(output).isZero();
            assertThat(output).contains("the lookup shows the player's profile (events_total 1)");
            assertThat(screenshot).exists().isNotEmptyFile();
        }
    }
}
