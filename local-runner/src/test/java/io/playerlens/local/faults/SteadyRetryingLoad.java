package io.playerlens.local.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Open-loop load as a well-behaved game client sends it: a batch of events on a fixed schedule whatever the API
 * answers, and each batch retried (same event ids) after {@code retry-after} — or half a second after a timeout —
 * until it is acknowledged with 200. Counts every status seen and, per player, the events acknowledged: the oracle a
 * fault test checks the profiles against.
 */
final class SteadyRetryingLoad implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI events;
    private final String apiKey;
    private final List<String> players;
    private final int eventsPerBatch;
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService senders = Executors.newCachedThreadPool();
    private final AtomicInteger tick = new AtomicInteger();
    private final AtomicInteger unfinished = new AtomicInteger();
    private final Map<String, LongAdder> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
    private final LongAdder refusalsWithoutRetryAfter = new LongAdder();
    private final long deadlineNanos;

    SteadyRetryingLoad(URI baseUrl, String apiKey, List<String> players, int eventsPerBatch, Duration giveUpAfter) {
        this.events = baseUrl.resolve("/v1/events");
        this.apiKey = apiKey;
        this.players = List.copyOf(players);
        this.eventsPerBatch = eventsPerBatch;
        this.deadlineNanos = System.nanoTime() + giveUpAfter.toNanos();
    }

    /** Starts sending a batch every {@code interval}, round-robin over the players. */
    SteadyRetryingLoad start(Duration interval) {
        schedule.scheduleAtFixedRate(() -> {
            String player = players.get(tick.getAndIncrement() % players.size());
            unfinished.incrementAndGet();
            senders.submit(() -> sendUntilAcknowledged(player, batch(player)));
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Stops scheduling new batches; those already scheduled keep retrying. */
    void stopSending() {
        schedule.shutdownNow();
    }

    boolean allAcknowledged() {
        return schedule.isShutdown() && unfinished.get() == 0;
    }

    Map<String, Long> acknowledgedPerPlayer() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        acknowledged.forEach((player, count) -> counts.put(player, count.sum()));
        return counts;
    }

    /** Status code → responses; {@code timeout} and {@code error} for requests that got none. */
    Map<String, Long> statuses() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        statuses.forEach((status, count) -> counts.put(status, count.sum()));
        return counts;
    }

    long refusalsWithoutRetryAfter() {
        return refusalsWithoutRetryAfter.sum();
    }

    private String batch(String player) {
        ObjectNode body = MAPPER.createObjectNode();
        var array = body.putArray("events");
        long now = System.currentTimeMillis();
        for (int i = 0; i < eventsPerBatch; i++) {
            ObjectNode e = array.addObject();
            e.put("event_id", UUID.randomUUID().toString());
            e.put("player_id", player);
            e.put("type", "store_view");
            e.put("ts", now);
            e.putObject("props");
        }
        return body.toString();
    }

    private void sendUntilAcknowledged(String player, String body) {
        try {
            while (System.nanoTime() < deadlineNanos) {
                long waitMillis = 500;
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(events).timeout(Duration.ofSeconds(20))
                            .header("x-api-key", apiKey).header("content-type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    statuses.computeIfAbsent(Integer.toString(response.statusCode()), s -> new LongAdder()).increment();
                    if (response.statusCode() == 200) {
                        if (!MAPPER.readTree(response.body()).get("rejected").isEmpty()) {
                            throw new IllegalStateException("valid events rejected: " + response.body());
                        }
                        acknowledged.computeIfAbsent(player, p -> new LongAdder()).add(eventsPerBatch);
                        return;
                    }
                    var retryAfter = response.headers().firstValue("retry-after");
                    if (retryAfter.isEmpty()) {
                        refusalsWithoutRetryAfter.increment();
                    } else {
                        waitMillis = Long.parseLong(retryAfter.get()) * 1000;
                    }
                } catch (java.net.http.HttpTimeoutException e) {
                    statuses.computeIfAbsent("timeout", s -> new LongAdder()).increment();
                } catch (java.io.IOException e) {
                    statuses.computeIfAbsent("error", s -> new LongAdder()).increment();
                }
                Thread.sleep(waitMillis); // the client's backoff, as the API asked
            }
            statuses.computeIfAbsent("gave_up", s -> new LongAdder()).increment();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            unfinished.decrementAndGet();
        }
    }

    @Override
    public void close() {
        schedule.shutdownNow();
        senders.shutdownNow();
    }
}
