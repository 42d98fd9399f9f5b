package io.playerlens.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.playerlens.emulators.FreePorts;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@code playerlens up} as a user runs it: a separate JVM that prints its status, serves, and stops every child. */
class UpCommandIT {

    @Test
    void up_printsTheBaseUrlAndKey_servesHealth_listensOnLoopbackOnly_andStopsEveryChildProcessOnSigterm() throws Exception {
        int port = FreePorts.pick();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process up = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.playerlens.local.cli.PlayerlensCli", "up", "--port", Integer.toString(port), "--work-dir", "target/it-up")
                .redirectErrorStream(true).start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(up.getInputStream(), StandardCharsets.UTF_8))) {
                in.lines().forEach(output::add);
            } catch (Exception ignored) {
                // the process ended
            }
        });
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> output.stream().anyMatch(l -> l.contains("Ctrl-C stops everything")));
            assertThat(output).anySatisfy(l -> assertThat(l).contains("API base URL     http://127.0.0.1:" + port));
            assertThat(output).anySatisfy(l -> assertThat(l).contains("API key          dev-key"));
            assertThat(output).anySatisfy(l -> assertThat(l).contains("Dashboard        http://127.0.0.1:" + port + "/dashboard"));
            List<ProcessHandle> children = up.descendants().toList();
            assertThat(children).hasSizeGreaterThanOrEqualTo(2);

            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);

            // Nothing local is reachable from the network: the gateway, the emulators, Flink's REST, blob and data ports.
            List<ListeningSockets.Listener> listeners = ListeningSockets.of(ListeningSockets.processTree(up.toHandle()));
            assertThat(listeners).as("listening sockets of up and its children").hasSizeGreaterThanOrEqualTo(4)
                    .allSatisfy(l -> assertThat(l.loopback()).as("%s", l).isTrue());

            up.destroy(); // SIGTERM, as Ctrl-C's SIGINT, runs the shutdown hooks
            await().atMost(Duration.ofSeconds(30)).until(() -> !up.isAlive());
            await().atMost(Duration.ofSeconds(10)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
        } finally {
            up.descendants().forEach(ProcessHandle::destroyForcibly);
            up.destroyForcibly();
        }
    }

}
