package io.playerlens.local.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.playerlens.contracts.event.PlayerKey;
import io.playerlens.contracts.offers.FallbackReason;
import io.playerlens.contracts.offers.ModelAnswer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `./playerlens up` serves a model folder's edits without a restart, and never serves a broken edit. */
class LocalModelsReloadTest {
    private static final PlayerKey PLAYER = PlayerKey.of("local-game", "p-1");
    private static final Duration BUDGET = Duration.ofSeconds(5);

    @TempDir
    Path models;

    private void writeModel(int version, int topK) throws Exception {
        Path folder = Files.createDirectories(models.resolve("rules"));
        Path file = folder.resolve("model.json");
        Files.writeString(file, """
                {"name": "rules", "version": "%d", "placements": ["store"], "type": "java",
                 "class": "io.playerlens.models.examples.StarterPackHeuristic",
                 "features": [{"name": "purchases_total", "missing": 0}, {"name": "spend_total_cents", "missing": 0},
                              {"name": "coins_balance", "missing": 0}],
                 "offers": [{"offer_id": "starter_pack", "sku": "s", "price_cents": 99}, {"offer_id": "gems_500", "sku": "g", "price_cents": 499}],
                 "top_k": %d, "latency_budget_ms": 200, "default_offers": ["starter_pack"]}""".formatted(version, topK));
        // a distinct modification time for each edit, whatever the file system's clock granularity
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(version)));
    }

    private static ModelAnswer ask(LocalModels local) {
        return local.invoke("rules", PLAYER, "store", BUDGET);
    }

    @Test
    void anEdit_isServed_aBrokenEdit_keepsThePreviousVersion_aRemovedFolder_stopsServing() throws Exception {
        writeModel(1, 1);
        try (LocalModels local = LocalModels.load(models, player -> Optional.of(Map.of("purchases_total", 0L)))) {
            assertThat(ask(local).modelVersion()).isEqualTo("1");
            assertThat(ask(local).offers()).hasSize(1);

            writeModel(2, 2);
            assertThat(local.reload()).containsExactly("rules");
            assertThat(ask(local).modelVersion()).isEqualTo("2");
            assertThat(ask(local).offers()).hasSize(2);

            Files.writeString(models.resolve("rules/model.json"), "{\"name\": \"rules\", \"top_k\": ");
            local.reload();
            assertThat(ask(local).modelVersion()).as("a broken edit is not served").isEqualTo("2");
            assertThat(local.problems().get("rules")).contains("not valid JSON");

            writeModel(3, 1);
            local.reload();
            assertThat(ask(local).modelVersion()).isEqualTo("3");
            assertThat(local.problems()).isEmpty();
            assertThat(local.reload()).as("nothing changed").isEmpty();

            try (var files = Files.list(models.resolve("rules"))) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(models.resolve("rules"));
            local.reload();
            assertThat(ask(local).failure()).isEqualTo(FallbackReason.MODEL_NOT_DEPLOYED);
        }
    }

    @Test
    void theWatch_picksUpAnEdit_byItself() throws Exception {
        writeModel(1, 1);
        try (LocalModels local = LocalModels.load(models, player -> Optional.of(Map.of())).watch(Duration.ofMillis(100))) {
            writeModel(7, 1);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "7".equals(ask(local).modelVersion()));
        }
    }
}
