package io.playerlens.bench.stack;

import io.playerlens.contracts.offers.ScoredOffer;
import io.playerlens.local.platform.LocalPlatform;
import io.playerlens.models.runtime.FeatureVectors;
import io.playerlens.models.runtime.LoadedModel;
import io.playerlens.models.runtime.ModelInput;
import io.playerlens.models.runtime.ModelService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Each model's inference in process: the feature vector and the model, no I/O (the rest of GET /offers is measured by {@link ShapeBench}). */
public final class OffersBench {
    private OffersBench() {
    }

    /** Model → load time (ms) and inference percentiles (µs) over 20,000 calls after 2,000 of warm-up. */
    public static Map<String, Object> inference(LocalPlatform platform) throws Exception {
        Map<String, Object> result = new TreeMap<>();
        Map<String, Object> profile = Map.of("events_total", 420L, "sessions_total", 35L, "purchases_total", 2L,
                "spend_total_cents", 598L, "coins_balance", 40L, "level_max", 18L);
        for (Map.Entry<String, ModelService> entry : platform.models().services().entrySet()) {
            LoadedModel model = LoadedModel.load(entry.getValue().descriptor().folder());
            List<Double> micros = new ArrayList<>();
            for (int i = 0; i < 22_000; i++) {
                long started = System.nanoTime();
                List<ScoredOffer> ranked = model.rank(new ModelInput("bench", StackBench.OFFERS_PLACEMENT, profile, FeatureVectors.assemble(model.descriptor(), profile),
                        model.descriptor().offers()));
                long elapsed = System.nanoTime() - started;
                if (i >= 2_000 && !ranked.isEmpty()) {
                    micros.add(elapsed / 1e3);
                }
            }
            Percentiles p = Percentiles.of(micros);
            System.out.printf("  model %-18s load %4d ms   inference (µs) %s%n", entry.getKey(), model.loadMillis(), p);
            result.put(entry.getKey(), Map.of("load_ms", model.loadMillis(), "inference_us", p));
        }
        return result;
    }
}
