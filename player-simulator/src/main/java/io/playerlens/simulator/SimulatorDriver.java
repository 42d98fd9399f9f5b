package io.playerlens.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends the simulator's batches to the local gateway at a target event rate, like a fleet of game clients, and
 * asks for offers when a player opens the store.
 */
public final class SimulatorDriver implements AutoCloseable {
    private static final int BATCH = 10;

    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "player-simulator");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicLong sent = new AtomicLong();

    /** Starts sending about {@code eventsPerSecond} events per second (each player sends a batch every ~5 s). */
    public SimulatorDriver(URI baseUrl, String apiKey, double eventsPerSecond) {
        int players = Math.max(1, (int) (eventsPerSecond / BATCH * 5));
        PlayerSimulator simulator = new PlayerSimulator(System.nanoTime(), players, "sim-");
        URI events = baseUrl.resolve("/v1/events");
        double perTick = eventsPerSecond / BATCH / 20;
        double[] carry = {0};
        ticker.scheduleAtFixedRate(() -> {
            carry[0] += perTick;
            while (carry[0] >= 1) {
                carry[0] -= 1;
                for (ObjectNode body : simulator.nextRequests(System.currentTimeMillis(), BATCH)) {
                    http.sendAsync(HttpRequest.newBuilder(events).header("x-api-key", apiKey).header("content-type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.discarding())
                            .thenAccept(r -> sent.addAndGet(BATCH));
                    askForOffersOnStoreView(baseUrl, apiKey, body);
                }
            }
        }, 0, 50, TimeUnit.MILLISECONDS);
    }

    /** A client that opened the store asks the offers API what to show, as a game does. */
    private void askForOffersOnStoreView(URI baseUrl, String apiKey, ObjectNode body) {
        for (com.fasterxml.jackson.databind.JsonNode event : body.path("events")) {
            if (event.path("type").asText().equals("store_view")) {
                String player = java.net.URLEncoder.encode(event.path("player_id").asText(), java.nio.charset.StandardCharsets.UTF_8);
                http.sendAsync(HttpRequest.newBuilder(baseUrl.resolve("/v1/players/" + player + "/offers?placement=store"))
                        .header("x-api-key", apiKey).GET().build(), HttpResponse.BodyHandlers.discarding());
                return;
            }
        }
    }

    public long eventsSent() {
        return sent.get();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
