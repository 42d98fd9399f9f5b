package io.playerlens.local.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.playerlens.contracts.event.PlayerKey;
import io.playerlens.contracts.offers.FallbackReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model whose profile reads hang holds at most its concurrency in threads, refuses the rest, and recovers. */
class LocalModelsConcurrencyTest {
    private static final PlayerKey PLAYER = PlayerKey.of("local-game", "p-1");

    @TempDir
    Path models;

    @Test
    void aHangingStore_isHeldToTheModelsConcurrency_andTheNextRequestFallsBackAtOnce() throws Exception {
        Path folder = Files.createDirectories(models.resolve("rules"));
        Files.writeString(folder.resolve("model.json"), """
                {"name": "rules", "version": "1", "placements": ["store"], "type": "java",
                 "class": "io.playerlens.models.examples.StarterPackHeuristic",
                 "features": [{"name": "purchases_total", "missing": 0}, {"name": "spend_total_cents", "missing": 0},
                              {"name": "coins_balance", "missing": 0}],
                 "offers": [{"offer_id": "starter_pack", "sku": "s", "price_cents": 99}],
                 "top_k": 1, "latency_budget_ms": 200, "default_offers": ["starter_pack"]}""");
        CountDownLatch storeAnswers = new CountDownLatch(1);
        try (LocalModels local = LocalModels.load(models, player -> {
            if (!player.gameId().equals(PLAYER.gameId())) {
                return Optional.empty(); // the model's warm-up request, at load: the store hangs from the game's first request
            }
            try {
                storeAnswers.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.of(Map.of("purchases_total", 0L));
        })) {
            for (int i = 0; i < LocalModels.MODEL_CONCURRENCY; i++) {
                assertThat(local.invoke("rules", PLAYER, "store", Duration.ofMillis(5)).failure()).isEqualTo(FallbackReason.MODEL_TIMEOUT);
            }
            long started = System.nanoTime();
            assertThat(local.invoke("rules", PLAYER, "store", Duration.ofSeconds(30)).failure())
                    .as("one more than the concurrency is refused, as Lambda throttles").isEqualTo(FallbackReason.MODEL_ERROR);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("refused at once, not at the budget").isLessThan(Duration.ofSeconds(10));
            assertThat(Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("local-model-rules")).count())
                    .isEqualTo(LocalModels.MODEL_CONCURRENCY);

            storeAnswers.countDown();
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> local.invoke("rules", PLAYER, "store", Duration.ofSeconds(5)).failure() == null);
        }
    }
}
