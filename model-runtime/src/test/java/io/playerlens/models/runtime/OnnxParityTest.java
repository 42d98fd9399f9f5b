package io.playerlens.models.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.playerlens.contracts.offers.ScoredOffer;
import io.playerlens.models.training.ExampleModelTrainer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.classification.sgd.linear.LinearSGDModel;

/** The ONNX file, served through the descriptor, scores exactly as the program that trained it. */
class OnnxParityTest {
    @TempDir
    Path folder;

    @Test
    void onnxScores_equalTheTrainersScores_forTheSameProfiles() throws Exception {
        LinearSGDModel trained = ExampleModelTrainer.train(7, 800);
        ExampleModelTrainer.write(trained, folder);
        LoadedModel served = LoadedModel.load(folder);
        List<String> names = List.of("coins_balance", "events_total", "level_max", "playtime_s", "purchases_24h", "purchases_total",
                "sessions_total", "spend_total_cents");
        Random random = new Random(3);
        for (int i = 0; i < 50; i++) {
            double[] raw = {random.nextInt(5000), random.nextInt(2000), random.nextInt(60), random.nextInt(100_000), random.nextInt(3),
                random.nextInt(30), random.nextInt(200), random.nextInt(40_000)};
            Map<String, Object> profile = new HashMap<>();
            for (int f = 0; f < names.size(); f++) {
                profile.put(names.get(f), (long) raw[f]);
            }
            Map<String, Double> expected = ExampleModelTrainer.tribuoScores(trained, raw);
            ModelInput input = new ModelInput("p", "store", profile, FeatureVectors.assemble(served.descriptor(), profile),
                    served.descriptor().offers());
            List<ScoredOffer> all = new io.playerlens.models.runtime.OnnxOfferModel(served.descriptor()).score(input);
            for (ScoredOffer scored : all) {
                assertThat(scored.score()).as(scored.offer().offerId()).isCloseTo(expected.get(scored.offer().offerId()),
                        org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    @Test
    void theShippedExampleModel_loads_andRanksTopK() {
        LoadedModel model = LoadedModel.load(Path.of("..", "models", "store-logreg"));
        assertThat(model.descriptor().output().offers()).hasSize(4);
        assertThat(model.descriptor().topK()).isEqualTo(3);
    }
}
