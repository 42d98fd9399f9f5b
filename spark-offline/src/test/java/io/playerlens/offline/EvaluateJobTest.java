package io.playerlens.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `offline evaluate`: a candidate next to the models serving today, on the same point-in-time examples. */
class EvaluateJobTest extends SparkJobTest {
    @Test
    void aPerOfferCandidate_andThePerPlayerModelsServingToday_areScoredOnTheSameImpressions(@TempDir Path dir) throws Exception {
        new TestArchive(dir.resolve("archive"), 61).play(120, 3);
        new TrainingSetJob(spark, Progress.quiet()).run(dir.resolve("archive").toString(), LocalDate.parse("2026-11-20"),
                LocalDate.parse("2026-11-22"), dir.resolve("training-set"), Map.of());
        Path models = dir.resolve("models");
        for (String served : List.of("starter-heuristic", "store-logreg")) {
            Files.createDirectories(models.resolve(served));
            try (var files = Files.list(Path.of("..", "models", served))) {
                for (Path f : files.toList()) {
                    Files.copy(f, models.resolve(served).resolve(f.getFileName()));
                }
            }
        }
        Files.copy(Path.of("..", "models", "placements.json"), models.resolve("placements.json"));
        Path gbdt = Files.createDirectories(models.resolve("gbdt"));
        Files.copy(Path.of("..", "model-runtime", "src", "test", "resources", "exports", "gbdt_binary.onnx"), gbdt.resolve("model.onnx"));
        Files.writeString(gbdt.resolve("model.json"), """
                {"name": "gbdt", "version": "1", "placements": ["store"], "type": "onnx", "model_file": "model.onnx",
                 "features": [{"name": "spend_total_cents", "missing": NaN}, {"name": "purchases_total", "missing": 0}, {"offer": "price_cents"}],
                 "offers": [{"offer_id": "starter_pack", "sku": "starter_pack", "price_cents": 99},
                            {"offer_id": "coin_pack", "sku": "coin_pack", "price_cents": 199},
                            {"offer_id": "gems_500", "sku": "gems_500", "price_cents": 499},
                            {"offer_id": "vip_bundle", "sku": "vip_bundle", "price_cents": 1999}],
                 "output": {"name": "output_probability", "per_offer": true, "class": 1},
                 "top_k": 2, "latency_budget_ms": 30, "default_offers": ["starter_pack"]}""");

        EvaluateJob.Result result = new EvaluateJob(spark, Progress.quiet()).run(dir.resolve("training-set"), models, "gbdt", dir.resolve("out"));

        long examples = spark.read().parquet(dir.resolve("training-set/examples").toString()).where("placement = 'store'").count();
        assertThat(result.examples()).isEqualTo(examples).isPositive();
        assertThat(result.positives()).isPositive();
        assertThat(result.models()).extracting(EvaluateJob.ModelScore::model).containsExactly("gbdt", "starter-heuristic", "store-logreg");
        EvaluateJob.ModelScore candidate = result.models().get(0);
        assertThat(candidate.role()).isEqualTo("candidate");
        assertThat(candidate.shape()).isEqualTo("per offer");
        assertThat(candidate.logLossKind()).startsWith("binary");
        assertThat(candidate.scored()).as("every offer shown is one of its offers").isEqualTo(examples);
        assertThat(result.models().get(2).role()).isEqualTo("serving store (variant B, 50 %)");
        assertThat(result.models().get(2).logLossKind()).startsWith("multiclass");
        for (EvaluateJob.ModelScore score : result.models()) {
            assertThat(score.positives()).isEqualTo(result.positives());
            assertThat(score.auc()).as(score.model()).isBetween(0.0, 1.0);
            assertThat(score.topKHitRate()).isBetween(0.0, 1.0);
            assertThat(score.logLoss()).isPositive().isFinite();
        }
        assertThat(result.report()).exists();
    }

    @Test
    void auc_isTheShareOfPositiveNegativePairsRankedRight_tiesHalf() {
        assertThat(EvaluateJob.auc(List.of(new double[] {0.9, 1}, new double[] {0.8, 1}, new double[] {0.1, 0}))).isEqualTo(1.0);
        assertThat(EvaluateJob.auc(List.of(new double[] {0.1, 1}, new double[] {0.9, 0}))).isEqualTo(0.0);
        assertThat(EvaluateJob.auc(List.of(new double[] {0.5, 1}, new double[] {0.5, 0}))).isEqualTo(0.5);
        assertThat(EvaluateJob.auc(List.of(new double[] {0.8, 1}, new double[] {0.4, 0}, new double[] {0.6, 1}, new double[] {0.7, 0})))
                .isCloseTo(0.75, within(1e-12));
        assertThat(EvaluateJob.auc(List.of(new double[] {0.8, 1}))).isNaN();
    }
}
