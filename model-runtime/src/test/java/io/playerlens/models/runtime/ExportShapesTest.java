package io.playerlens.models.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.playerlens.contracts.offers.ScoredOffer;
import io.playerlens.models.descriptor.DescriptorException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every row of the export table in docs/models.md, on the ONNX files {@code src/test/python/make_exports.py} builds (the
 * graphs skl2onnx, torch.onnx and onnxmltools produce): each loads and ranks by its inputs, or is refused with a message
 * naming the rule — never a stack trace.
 */
class ExportShapesTest {
    private static final String OFFERS = """
            [{"offer_id": "starter_pack", "sku": "starter_bundle", "price_cents": 99},
             {"offer_id": "coin_pack", "sku": "coins_1000", "price_cents": 199},
             {"offer_id": "gems_500", "sku": "gems_500", "price_cents": 499},
             {"offer_id": "vip_bundle", "sku": "vip_month", "price_cents": 1999}]""";
    private static final String THREE_FEATURES = """
            [{"name": "purchases_total", "missing": 0}, {"name": "spend_total_cents", "missing": 0, "scale": 1000},
             {"name": "sessions_total", "missing": 0, "scale": 10}]""";
    private static final Map<String, Object> PAYER = Map.of("purchases_total", 6L, "spend_total_cents", 12_000L, "sessions_total", 40L,
            "platform", "pc");
    private static final Map<String, Object> NEWCOMER = Map.of("purchases_total", 0L, "spend_total_cents", 0L, "sessions_total", 1L,
            "platform", "ios");

    @TempDir
    Path dir;

    private Path folder(String export, String features, String output) throws Exception {
        Path folder = dir.resolve(export + "-" + Math.abs((features + output).hashCode()));
        Files.createDirectories(folder);
        try (InputStream onnx = getClass().getResourceAsStream("/exports/" + export + ".onnx")) {
            Files.copy(onnx, folder.resolve("model.onnx"));
        }
        Files.writeString(folder.resolve("model.json"), """
                {"name": "m", "version": "1", "placements": ["store"], "type": "onnx", "model_file": "model.onnx",
                 "features": %s, "offers": %s, "output": %s, "top_k": 4, "latency_budget_ms": 50,
                 "default_offers": ["starter_pack"]}""".formatted(features, OFFERS, output));
        return folder;
    }

    private LoadedModel load(String export, String features, String output) throws Exception {
        return LoadedModel.load(folder(export, features, output));
    }

    private List<String> problems(String export, String features, String output) throws Exception {
        try {
            LoadedModel.load(folder(export, features, output));
        } catch (DescriptorException e) {
            return e.problems();
        }
        throw new AssertionError("expected " + export + " to be refused");
    }

    private static List<ScoredOffer> rank(LoadedModel model, Map<String, Object> profile) throws Exception {
        return model.rank(new ModelInput("p", "store", profile, FeatureVectors.assemble(model.descriptor(), profile), model.descriptor().offers()));
    }

    private static List<String> ids(List<ScoredOffer> offers) {
        return offers.stream().map(o -> o.offer().offerId()).toList();
    }

    private static double total(List<ScoredOffer> offers) {
        return offers.stream().mapToDouble(ScoredOffer::score).sum();
    }

    @Test
    void sklearnZipMap_stringClasses_mapKeysAreTheOffers() throws Exception {
        LoadedModel model = load("sklearn_zipmap_strings", THREE_FEATURES,
                "{\"name\": \"output_probability\", \"offers\": [\"starter_pack\", \"coin_pack\", \"gems_500\", \"vip_bundle\"]}");
        List<ScoredOffer> payer = rank(model, PAYER);
        assertThat(total(payer)).isCloseTo(1.0, within(1e-5));
        assertThat(ids(payer).get(0)).isEqualTo("coin_pack");
        assertThat(ids(rank(model, NEWCOMER)).get(0)).isEqualTo("starter_pack");
    }

    @Test
    void sklearnZipMap_intClasses_needClassToOfferMapping_andThenServe() throws Exception {
        assertThat(problems("sklearn_zipmap_ints", THREE_FEATURES,
                "{\"name\": \"output_probability\", \"offers\": [\"starter_pack\", \"coin_pack\", \"gems_500\", \"vip_bundle\"]}"))
                .singleElement().asString().contains("maps class numbers to probabilities (ZipMap of INT64 labels)", "{\"0\": \"starter_pack\"}");
        LoadedModel model = load("sklearn_zipmap_ints", THREE_FEATURES,
                "{\"name\": \"output_probability\", \"offers\": {\"3\": \"vip_bundle\", \"0\": \"starter_pack\", \"1\": \"coin_pack\", \"2\": \"gems_500\"}}");
        LoadedModel sameWithoutZipMap = load("sklearn_no_zipmap", THREE_FEATURES,
                "{\"name\": \"output_probability\", \"offers\": [\"starter_pack\", \"coin_pack\", \"gems_500\", \"vip_bundle\"]}");
        for (Map<String, Object> profile : List.of(PAYER, NEWCOMER, Map.<String, Object>of())) {
            assertThat(rank(model, profile)).as("the same classifier with and without ZipMap").isEqualTo(rank(sameWithoutZipMap, profile));
        }
        assertThat(problems("sklearn_zipmap_ints", THREE_FEATURES, "{\"name\": \"output_probability\", \"offers\": {\"7\": \"vip_bundle\"}}"))
                .singleElement().asString().isEqualTo("output output_probability has no class '7'; its classes are 0, 1, 2, 3");
    }

    @Test
    void aLabelOutput_isRefused_namingTheOutputWithScores() throws Exception {
        assertThat(problems("sklearn_zipmap_ints", THREE_FEATURES, "{\"name\": \"output_label\", \"offers\": {\"0\": \"starter_pack\"}}"))
                .singleElement().asString()
                .isEqualTo("output output_label holds labels (int64 [N]), the class the model picked, not scores: name the output of"
                        + " probabilities instead (outputs with scores: output_probability)");
        assertThat(problems("sklearn_zipmap_strings", THREE_FEATURES, "{\"name\": \"output_label\", \"offers\": [\"starter_pack\"]}"))
                .singleElement().asString().startsWith("output output_label holds labels (string [N])");
    }

    @Test
    void sklearnWithoutZipMap_pytorchSoftmax_andDoublePrecision_serve() throws Exception {
        String columns = "[\"starter_pack\", \"coin_pack\", \"gems_500\", \"vip_bundle\"]";
        for (String[] export : new String[][] {{"sklearn_no_zipmap", "output_probability"}, {"torch_mlp", "scores"},
                {"double_input", "probabilities"}}) {
            LoadedModel model = load(export[0], THREE_FEATURES, "{\"name\": \"" + export[1] + "\", \"offers\": " + columns + "}");
            List<ScoredOffer> payer = rank(model, PAYER);
            assertThat(total(payer)).as(export[0]).isCloseTo(1.0, within(1e-5));
            assertThat(payer).as(export[0] + " ranks by its inputs").isNotEqualTo(rank(model, NEWCOMER));
        }
    }

    @Test
    void aTextFeatureInANumericModel_isRefused() throws Exception {
        String features = "[{\"name\": \"purchases_total\", \"missing\": 0}, {\"name\": \"platform\", \"missing\": \"unknown\"},"
                + " {\"name\": \"sessions_total\", \"missing\": 0}]";
        assertThat(problems("sklearn_no_zipmap", features, "{\"name\": \"output_probability\", \"offers\": [\"starter_pack\", \"coin_pack\","
                + " \"gems_500\", \"vip_bundle\"]}"))
                .containsExactly("features: 'platform' is text, and input X takes FLOAT numbers: a text feature feeds a string input (encoded"
                        + " in the graph, e.g. skl2onnx's OneHotEncoder), or leave it out");
    }

    @Test
    void binaryTreeEnsemble_scoresEachOffer_withTheOffersPrice_andNaNAsMissing() throws Exception {
        String features = "[{\"name\": \"spend_total_cents\", \"missing\": NaN}, {\"name\": \"purchases_total\", \"missing\": 0},"
                + " {\"offer\": \"price_cents\"}]";
        assertThat(problems("gbdt_binary", features, "{\"name\": \"output_probability\", \"per_offer\": true}"))
                .containsExactly("output output_probability maps each class to its probability (ZipMap): set output.class to the positive"
                        + " class (e.g. 1)");
        LoadedModel model = load("gbdt_binary", features, "{\"name\": \"output_probability\", \"per_offer\": true, \"class\": 1}");
        List<ScoredOffer> newcomer = rank(model, Map.of());
        assertThat(ids(newcomer)).as("cheap offers first").startsWith("starter_pack", "coin_pack").hasSize(4);
        assertThat(newcomer).allSatisfy(o -> assertThat(o.score()).isBetween(0.0, 1.0));
        // spend absent → NaN → the tree's "missing goes true" branch (spend ≤ 1000): the same scores as a low spender
        assertThat(rank(model, Map.of())).isEqualTo(rank(model, Map.of("spend_total_cents", 500L)));
        assertThat(rank(model, Map.of("spend_total_cents", 5000L)).get(0).score()).isNotEqualTo(newcomer.get(0).score());
    }

    @Test
    void candidateScorer_severalNamedInputs_textAndOfferFeatures() throws Exception {
        String features = "[{\"name\": \"purchases_total\", \"missing\": 0, \"input\": \"player\"},"
                + " {\"name\": \"spend_total_cents\", \"missing\": 0, \"input\": \"player\"},"
                + " {\"name\": \"platform\", \"missing\": \"unknown\"}, {\"offer\": \"offer_id\"}]";
        LoadedModel model = load("candidate_scorer", features, "{\"name\": \"probabilities\", \"per_offer\": true, \"class\": 1}");
        assertThat(ids(rank(model, NEWCOMER))).containsExactly("vip_bundle", "gems_500", "coin_pack", "starter_pack");
        assertThat(rank(model, PAYER).get(0).score()).as("platform and spend move the score").isGreaterThan(rank(model, NEWCOMER).get(0).score());
        assertThat(rank(model, Map.of())).as("an unknown platform is a category of its own").hasSize(4);

        assertThat(problems("candidate_scorer", features.replace("\"name\": \"platform\", \"missing\": \"unknown\"",
                "\"name\": \"platform\", \"missing\": \"unknown\", \"input\": \"player\""), "{\"name\": \"probabilities\", \"per_offer\": true,"
                + " \"class\": 1}"))
                .contains("features: 'platform' is text, and input player takes FLOAT numbers: a text feature feeds a string input (encoded in"
                        + " the graph, e.g. skl2onnx's OneHotEncoder), or leave it out",
                        "the model's input player takes 2 value(s) per row; the descriptor feeds it 3: [purchases_total, spend_total_cents,"
                                + " platform]",
                        "the model's input platform (string [N, 1]) is fed by no feature: add the features it takes, in its column order,"
                                + " each with \"input\": \"platform\"");
        assertThat(problems("candidate_scorer", features.replace(", {\"offer\": \"offer_id\"}", ""),
                "{\"name\": \"probabilities\", \"per_offer\": true, \"class\": 1}"))
                .contains("output: a per_offer model over 4 offers needs an offer's attribute among its features (e.g. {\"offer\":"
                        + " \"offer_id\"}); without one every offer gets the same score");
        assertThat(problems("candidate_scorer", features, "{\"name\": \"probabilities\", \"per_offer\": true}"))
                .containsExactly("output probabilities gives 2 columns per row: set output.class to the positive class's column (1 for a"
                        + " binary classifier's [N, 2] probabilities)");
        assertThat(problems("candidate_scorer", features.replace("\"input\": \"player\"},\n", "},\n")
                        .replace("{\"name\": \"purchases_total\", \"missing\": 0, \"input\": \"player\"}", "{\"name\": \"purchases_total\", \"missing\": 0}"),
                "{\"name\": \"probabilities\", \"per_offer\": true, \"class\": 1}"))
                .anySatisfy(p -> assertThat(p).startsWith("features: 'purchases_total' needs \"input\": the model has several inputs, player"
                        + " (float [N, 2]), platform (string [N, 1]), offer_id (string [N, 1])"));
    }

    private Path perOfferFolder(String output, String modelFiles) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("propensity-" + Math.abs((output + modelFiles).hashCode())));
        for (String offer : List.of("starter_pack", "vip_bundle")) {
            try (InputStream onnx = getClass().getResourceAsStream("/exports/per_offer_" + offer + ".onnx")) {
                Files.copy(onnx, folder.resolve(offer + ".onnx"));
            }
        }
        Files.writeString(folder.resolve("model.json"), """
                {"name": "m", "version": "1", "placements": ["store"], "type": "onnx", "model_files": %s,
                 "features": [{"name": "purchases_total", "missing": 0}, {"name": "spend_total_cents", "missing": 0, "scale": 1000}],
                 "offers": [{"offer_id": "starter_pack", "sku": "starter_bundle", "price_cents": 99},
                            {"offer_id": "vip_bundle", "sku": "vip_month", "price_cents": 1999}],
                 "output": %s, "top_k": 2, "latency_budget_ms": 50, "default_offers": ["starter_pack"]}""".formatted(modelFiles, output));
        return folder;
    }

    @Test
    void onePropensityModelPerOffer_eachScoresItsOwnOffer() throws Exception {
        String files = "{\"starter_pack\": \"starter_pack.onnx\", \"vip_bundle\": \"vip_bundle.onnx\"}";
        LoadedModel model = LoadedModel.load(perOfferFolder("{\"name\": \"output_probability\", \"per_offer\": true, \"class\": 1}", files));
        List<ScoredOffer> payer = rank(model, PAYER);
        assertThat(ids(payer)).containsExactly("vip_bundle", "starter_pack");
        assertThat(payer.get(0).score()).isGreaterThan(0.99);
        assertThat(payer.get(1).score()).isLessThan(0.01);
        assertThat(rank(model, Map.of())).allSatisfy(o -> assertThat(o.score()).isCloseTo(0.401, within(0.001)));

        assertThat(problemsOf(perOfferFolder("{\"name\": \"probabilities\", \"per_offer\": true, \"class\": 1}", files)))
                .containsExactly("starter_pack.onnx (starter_pack): output.name probabilities is not an output of the model; its outputs are"
                                + " output_label (int64 [N]), output_probability (float [N, 2]) (outputs with scores: output_probability)",
                        "vip_bundle.onnx (vip_bundle): output.name probabilities is not an output of the model; its outputs are"
                                + " output_label (int64 [N]), output_probability (float [N, 2]) (outputs with scores: output_probability)");
        assertThat(problemsOf(perOfferFolder("{\"name\": \"output_probability\", \"per_offer\": true, \"class\": 1}",
                "{\"vip_bundle\": \"vip_bundle.onnx\"}")))
                .containsExactly("model_files: offer starter_pack has no model file (each offer is scored by its own model)");
        assertThat(problemsOf(perOfferFolder("{\"name\": \"output_probability\", \"offers\": [\"vip_bundle\"]}", files)))
                .containsExactly("model_files: one model per offer scores that offer alone; set output.per_offer to true (and output.class)");
    }

    private static List<String> problemsOf(Path folder) {
        try {
            LoadedModel.load(folder);
        } catch (DescriptorException e) {
            return e.problems();
        }
        throw new AssertionError("expected " + folder + " to be refused");
    }
}
