package io.playerlens.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deploying a model is a folder and a variant line: the model stacks are derived, and every inconsistency stops synth. */
class ModelsTest {
    @TempDir
    Path dir;

    @Test
    void theCheckoutsModels_becomeOneStackEach_registeredAsPlacementsJsonRoutesThem_withTheirDescriptorsBudget() {
        List<ModelStackProps> props = Models.props(Models.DIR);

        assertThat(props).extracting(ModelStackProps::model).containsExactly("starter-heuristic", "store-logreg");
        assertThat(props.get(0).registrations()).containsExactly(new ModelStackProps.Registration("store", "A", 50));
        assertThat(props.get(1).registrations()).containsExactly(new ModelStackProps.Registration("store", "B", 50));
        assertThat(props).extracting(ModelStackProps::latencyBudgetMillis).containsExactly(20, 50);
    }

    @Test
    void aNewFolderAndVariantLine_deployAThirdModel_withoutJava() throws Exception {
        copyModel("starter-heuristic", "starter-copy");
        placements("""
                {"store": {"default_offers": [{"offer_id": "starter_pack", "sku": "s", "price_cents": 99}],
                  "variants": [{"variant": "A", "model": "starter-heuristic", "weight": 45},
                               {"variant": "C", "model": "starter-copy", "weight": 10},
                               {"variant": "B", "model": "store-logreg", "weight": 45}]}}""");
        copyModel("starter-heuristic", "starter-heuristic");
        copyModel("store-logreg", "store-logreg");

        List<ModelStackProps> props = Models.props(dir);

        assertThat(props).extracting(ModelStackProps::model).containsExactly("starter-copy", "starter-heuristic", "store-logreg");
        assertThat(props.get(0).registrations()).containsExactly(new ModelStackProps.Registration("store", "C", 10));
    }

    @Test
    void aShadowVariant_isRegisteredAsAShadow() throws Exception {
        copyModel("starter-heuristic", "starter-heuristic");
        copyModel("store-logreg", "store-logreg");
        placements("""
                {"store": {"default_offers": [{"offer_id": "starter_pack", "sku": "s", "price_cents": 99}],
                  "variants": [{"variant": "A", "model": "starter-heuristic", "weight": 100},
                               {"variant": "S", "model": "store-logreg", "shadow": true}]}}""");

        assertThat(Models.props(dir).get(1).registrations()).containsExactly(new ModelStackProps.Registration("store", "S", 0, true));
    }

    @Test
    void everyInconsistency_isNamed_atSynth() throws Exception {
        copyModel("starter-heuristic", "renamed-folder");
        placements("""
                {"store": {"default_offers": [{"offer_id": "starter_pack", "sku": "s", "price_cents": 99}],
                  "variants": [{"variant": "A", "model": "renamed-folder", "weight": 50},
                               {"variant": "B", "model": "not-there", "weight": 50}]},
                 "home": {"default_offers": [{"offer_id": "x", "sku": "x", "price_cents": 1}],
                  "variants": [{"variant": "A", "model": "renamed-folder", "weight": 100}]}}""");

        assertThatThrownBy(() -> Models.props(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the folder must be named after its model (starter-heuristic)")
                .hasMessageContaining("routes to model not-there, which has no loadable folder")
                .hasMessageContaining("does not list placement home");
    }

    @Test
    void aModelThatFailsModelCheck_orABudgetThatDoesNotFit_stopsSynth() throws Exception {
        copyModel("store-logreg", "store-logreg");
        copyModel("starter-heuristic", "starter-heuristic");
        Path descriptor = dir.resolve("store-logreg/model.json");
        Files.writeString(descriptor, Files.readString(descriptor).replaceFirst("\"name\"\\s*:\\s*\"output\"", "\"name\": \"label\""));
        placements("""
                {"store": {"budget_ms": 25, "default_offers": [{"offer_id": "starter_pack", "sku": "s", "price_cents": 99}],
                  "variants": [{"variant": "A", "model": "starter-heuristic", "weight": 50},
                               {"variant": "B", "model": "store-logreg", "weight": 50}]}}""");

        assertThatThrownBy(() -> Models.props(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("output.name label is not an output of the model; its outputs are output (float [N, 4])")
                .hasMessageContaining("store variant A routes to model starter-heuristic: its latency_budget_ms 20 does not fit the"
                        + " placement's budget_ms 25 (the game waits budget_ms; the call takes up to 10 ms of it, so the model has 15 ms)");
    }

    @Test
    void weights_arePercentages_thatAddUpTo100() throws Exception {
        copyModel("starter-heuristic", "starter-heuristic");
        placements("""
                {"store": {"default_offers": [{"offer_id": "starter_pack", "sku": "s", "price_cents": 99}],
                  "variants": [{"variant": "A", "model": "starter-heuristic", "weight": 10}]}}""");

        assertThatThrownBy(() -> Models.props(dir)).hasMessageContaining("must add up to 100, they add up to 10");
    }

    private void placements(String json) throws Exception {
        Files.writeString(dir.resolve("placements.json"), json);
    }

    private void copyModel(String from, String to) throws Exception {
        copyModel(from, to, to.startsWith("renamed") ? from : to);
    }

    /** The folder {@code from} copied as {@code to}, its descriptor naming the model {@code name}. */
    private void copyModel(String from, String to, String name) throws Exception {
        Path target = Files.createDirectories(dir.resolve(to));
        try (var files = Files.list(Models.DIR.resolve(from))) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path descriptor = target.resolve("model.json");
        Files.writeString(descriptor, Files.readString(descriptor).replaceFirst("\"name\"\\s*:\\s*\"" + from + "\"", "\"name\": \"" + name + "\""));
    }
}
