package io.playerlens.local.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.playerlens.contracts.event.PlayerKey;
import io.playerlens.contracts.offers.ModelAnswer;
import io.playerlens.contracts.offers.Offer;
import io.playerlens.contracts.offers.OfferJson;
import io.playerlens.contracts.offers.ScoredOffer;
import io.playerlens.emulators.LocalAws;
import io.playerlens.local.platform.LocalPlatform;
import io.playerlens.models.descriptor.DescriptorException;
import io.playerlens.models.runtime.FeatureVectors;
import io.playerlens.models.runtime.LoadedModel;
import io.playerlens.models.runtime.ModelInput;
import io.playerlens.models.runtime.ModelService;
import io.playerlens.models.training.ExampleModelTrainer;
import io.playerlens.store.ProfileStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./playerlens model ...}: the data scientist's commands. */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Create, check and try offer models.",
        subcommands = {ModelCommand.New.class, ModelCommand.Check.class, ModelCommand.Try.class, ModelCommand.TrainExample.class})
final class ModelCommand {

    static Path folder(Path modelsDir, String name) {
        return (modelsDir == null ? LocalPlatform.defaultModelsDir() : modelsDir).resolve(name);
    }

    /** Sample profiles a check scores: a new player, a payer, a whale. */
    static final Map<String, Map<String, Object>> SAMPLES = Map.of(
            "new player", Map.of("events_total", 3L, "sessions_total", 1L),
            "payer", Map.of("events_total", 420L, "sessions_total", 35L, "purchases_total", 2L, "spend_total_cents", 598L,
                    "coins_balance", 40L, "level_max", 18L),
            "whale", Map.of("events_total", 5200L, "sessions_total", 260L, "purchases_total", 31L, "spend_total_cents", 61_000L,
                    "coins_balance", 9000L, "level_max", 77L, "purchases_24h", 2L));

    @Command(name = "new", mixinStandardHelpOptions = true, description = "Scaffold a model folder (a Java rules model to edit, or an ONNX descriptor).")
    static final class New implements Callable<Integer> {
        @Parameters(index = "0", description = "Model name: 1-48 characters of [a-z0-9-].")
        String name;

        @Option(names = "--onnx", description = "Scaffold an ONNX descriptor (put your model.onnx beside it).")
        boolean onnx;

        @Option(names = "--models-dir", description = "Models folder (default: models/ of the checkout).")
        Path modelsDir;

        @Override
        public Integer call() throws Exception {
            Path folder = folder(modelsDir, name);
            if (Files.exists(folder)) {
                System.err.println(folder + " already exists");
                return 1;
            }
            Files.createDirectories(folder);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", name);
            d.put("version", "1");
            d.put("placements", List.of("store"));
            d.put("type", onnx ? "onnx" : "java");
            if (onnx) {
                d.put("model_file", "model.onnx");
            } else {
                d.put("class", "io.playerlens.models.examples.StarterPackHeuristic");
            }
            d.put("features", List.of(Map.of("name", "purchases_total", "missing", 0), Map.of("name", "spend_total_cents", "missing", 0, "scale", 100)));
            d.put("offers", List.of(OfferJson.write(new Offer("starter_pack", "starter_bundle", 99)),
                    OfferJson.write(new Offer("gems_500", "gems_500", 499))));
            if (onnx) {
                d.put("output", Map.of("name", "output", "offers", List.of("starter_pack", "gems_500")));
            }
            d.put("top_k", 2);
            d.put("latency_budget_ms", 50);
            d.put("default_offers", List.of("starter_pack"));
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(folder.resolve("model.json").toFile(), d);
            System.out.println("created " + folder.resolve("model.json"));
            System.out.println(onnx ? "next: copy your model.onnx there, list its inputs in \"features\" and its output scores in \"output\", then"
                    : "next: edit it (or point \"class\" at your OfferModel), then");
            System.out.println("      ./playerlens model check " + name);
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate a model's descriptor against its model file and the profile features, and score sample profiles.")
    static final class Check implements Callable<Integer> {
        @Parameters(index = "0", description = "Model name (its folder).")
        String name;

        @Option(names = "--models-dir", description = "Models folder (default: models/ of the checkout).")
        Path modelsDir;

        @Override
        public Integer call() {
            LoadedModel model;
            try {
                model = LoadedModel.load(folder(modelsDir, name));
            } catch (DescriptorException e) {
                System.err.println("model " + name + " has problems:");
                e.problems().forEach(p -> System.err.println("  - " + p));
                return 1;
            }
            System.out.printf("model %s v%s: OK (%s, %d features, %d offers, top %d, budget %d ms; loaded in %d ms)%n", model.descriptor().name(),
                    model.descriptor().version(), model.descriptor().kind(), model.descriptor().features().size(), model.descriptor().offers().size(),
                    model.descriptor().topK(), model.descriptor().latencyBudget().toMillis(), model.loadMillis());
            for (Map.Entry<String, Map<String, Object>> sample : new java.util.TreeMap<>(SAMPLES).entrySet()) {
                try {
                    List<ScoredOffer> offers = model.rank(new ModelInput("sample", model.descriptor().placements().get(0), sample.getValue(),
                            FeatureVectors.assemble(model.descriptor(), sample.getValue()), model.descriptor().offers()));
                    System.out.printf("  %-11s → %s%n", sample.getKey(), describe(offers));
                } catch (Exception e) {
                    System.err.println("  " + sample.getKey() + " → the model failed: " + e);
                    return 1;
                }
            }
            return 0;
        }
    }

    @Command(name = "try", mixinStandardHelpOptions = true, description = "Run a model against a live profile of the local stack.")
    static final class Try implements Callable<Integer> {
        @Parameters(index = "0", description = "Model name (its folder).")
        String name;

        @Option(names = "--player", required = true, description = "Player id.")
        String player;

        @Option(names = "--game", defaultValue = io.playerlens.contracts.config.Names.LOCAL_GAME_ID,
                description = "The player's game (default: ${DEFAULT-VALUE}).")
        String game;

        @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "The running ./playerlens up (default: ${DEFAULT-VALUE}).")
        URI url;

        @Option(names = "--models-dir", description = "Models folder (default: models/ of the checkout).")
        Path modelsDir;

        @Override
        public Integer call() throws Exception {
            var health = new ObjectMapper().readTree(url.resolve("/health").toURL());
            URI dynamo = URI.create(health.path("components").path("dynamodb").path("endpoint").asText());
            LoadedModel model = LoadedModel.load(folder(modelsDir, name));
            var client = LocalAws.dynamoClient(dynamo);
            PlayerKey key = PlayerKey.of(game, player);
            Optional<Map<String, Object>> features = ProfileStore.features(client, LocalPlatform.PROFILES_TABLE, key);
            System.out.println("profile of " + player + ": " + features.map(Object::toString).orElse("none"));
            ModelAnswer answer = new ModelService(model, id -> features).answer(key, model.descriptor().placements().get(0));
            System.out.println(answer.succeeded() ? "offers: " + describe(answer.offers()) : "no answer: " + answer.failure()
                    + " (the game would get the default offers " + model.descriptor().defaultOffers() + ")");
            return 0;
        }
    }

    @Command(name = "train-example", mixinStandardHelpOptions = true, description = "Retrain the example ONNX model (models/store-logreg).")
    static final class TrainExample implements Callable<Integer> {
        @Option(names = "--models-dir", description = "Models folder (default: models/ of the checkout).")
        Path modelsDir;

        @Override
        public Integer call() throws Exception {
            ExampleModelTrainer.main(new String[] {folder(modelsDir, ExampleModelTrainer.MODEL_NAME).toString()});
            return 0;
        }
    }

    static String describe(List<ScoredOffer> offers) {
        StringBuilder out = new StringBuilder();
        for (ScoredOffer o : offers) {
            out.append(String.format("%s (%.3f)  ", o.offer().offerId(), o.score()));
        }
        return out.toString().trim();
    }

}
