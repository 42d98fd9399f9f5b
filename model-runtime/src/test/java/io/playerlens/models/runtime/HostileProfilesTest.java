package io.playerlens.models.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.playerlens.contracts.offers.ScoredOffer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever a stored profile holds — extreme or non-finite numbers, text where a number belongs, numbers where text
 * belongs, huge strings — every export shape ranks every offer with a finite score: a value no input can hold is fed as
 * the feature's missing value, never as Infinity or a type error.
 */
class HostileProfilesTest {
    private static final Map<String, LoadedModel> MODELS = new HashMap<>();

    private static LoadedModel model(String export, String features, String output) throws Exception {
        String key = export + output;
        if (!MODELS.containsKey(key)) {
            Path folder = Files.createTempDirectory("hostile-" + export);
            try (InputStream onnx = HostileProfilesTest.class.getResourceAsStream("/exports/" + export + ".onnx")) {
                Files.copy(onnx, folder.resolve("model.onnx"));
            }
            Files.writeString(folder.resolve("model.json"), """
                    {"name": "m", "version": "1", "placements": ["store"], "type": "onnx", "model_file": "model.onnx",
                     "features": %s,
                     "offers": [{"offer_id": "starter_pack", "sku": "s", "price_cents": 99}, {"offer_id": "coin_pack", "sku": "c", "price_cents": 199},
                                {"offer_id": "gems_500", "sku": "g", "price_cents": 499}, {"offer_id": "vip_bundle", "sku": "v", "price_cents": 1999}],
                     "output": %s, "top_k": 4, "latency_budget_ms": 50, "default_offers": ["starter_pack"]}""".formatted(features, output));
            MODELS.put(key, LoadedModel.load(folder)); // the model is read whole at load: its folder can go
            Files.delete(folder.resolve("model.onnx"));
            Files.delete(folder.resolve("model.json"));
            Files.delete(folder);
        }
        return MODELS.get(key);
    }

    @Provide
    Arbitrary<Object> anyValue() {
        return Arbitraries.oneOf(
                Arbitraries.longs(), Arbitraries.doubles(),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, -Double.MAX_VALUE,
                        Double.MIN_VALUE, 1e300, -1e-300, Long.MAX_VALUE, Long.MIN_VALUE),
                Arbitraries.strings().ofMaxLength(20_000), Arbitraries.just(List.of(1, 2)), Arbitraries.just(Map.of("a", 1)));
    }

    @Property(tries = 200)
    void everyShape_ranksEveryOffer_withFiniteScores(@ForAll("anyValue") Object purchases, @ForAll("anyValue") Object spend,
                                                     @ForAll("anyValue") Object platform, @ForAll("anyValue") Object sessions) throws Exception {
        Map<String, Object> profile = new HashMap<>();
        profile.put("purchases_total", purchases);
        profile.put("spend_total_cents", spend);
        profile.put("platform", platform);
        profile.put("sessions_total", sessions);
        List<LoadedModel> models = List.of(
                model("sklearn_zipmap_ints", "[{\"name\": \"purchases_total\", \"missing\": 0}, {\"name\": \"spend_total_cents\", \"missing\": 0,"
                        + " \"scale\": 1000}, {\"name\": \"sessions_total\", \"missing\": 0}]",
                        "{\"name\": \"output_probability\", \"offers\": {\"0\": \"starter_pack\", \"1\": \"coin_pack\", \"2\": \"gems_500\", \"3\": \"vip_bundle\"}}"),
                model("double_input", "[{\"name\": \"purchases_total\", \"missing\": 0}, {\"name\": \"spend_total_cents\", \"missing\": 0},"
                        + " {\"name\": \"sessions_total\", \"missing\": 0}]",
                        "{\"name\": \"probabilities\", \"offers\": [\"starter_pack\", \"coin_pack\", \"gems_500\", \"vip_bundle\"]}"),
                model("gbdt_binary", "[{\"name\": \"spend_total_cents\", \"missing\": NaN}, {\"name\": \"purchases_total\", \"missing\": 0},"
                        + " {\"offer\": \"price_cents\"}]", "{\"name\": \"output_probability\", \"per_offer\": true, \"class\": 1}"),
                model("candidate_scorer", "[{\"name\": \"purchases_total\", \"missing\": 0, \"input\": \"player\"}, {\"name\":"
                        + " \"spend_total_cents\", \"missing\": 0, \"input\": \"player\"}, {\"name\": \"platform\", \"missing\": \"unknown\"},"
                        + " {\"offer\": \"offer_id\"}]", "{\"name\": \"probabilities\", \"per_offer\": true, \"class\": 1}"));
        for (LoadedModel model : models) {
            List<ScoredOffer> ranked = model.rank(new ModelInput("p", "store", profile, FeatureVectors.assemble(model.descriptor(), profile),
                    model.descriptor().offers()));
            assertThat(ranked).hasSize(4);
            assertThat(ranked).allSatisfy(o -> assertThat(Double.isFinite(o.score())).as(model.descriptor().features() + " " + profile).isTrue());
        }
    }
}
