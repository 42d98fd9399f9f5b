package io.playerlens.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.playerlens.contracts.event.PlayerKey;
import io.playerlens.contracts.offers.ModelAnswer;
import io.playerlens.contracts.offers.Offer;
import io.playerlens.contracts.offers.OfferJson;
import io.playerlens.contracts.offers.ScoredOffer;
import io.playerlens.emulators.LocalAws;
import io.playerlens.local.platform.LocalEndpoints;
import io.playerlens.local.platform.LocalPlatform;
import io.playerlens.models.descriptor.DescriptorParser;
import io.playerlens.models.descriptor.ModelDescriptor;
import io.playerlens.models.runtime.FeatureVectors;
import io.playerlens.models.runtime.LoadedModel;
import io.playerlens.models.runtime.ModelFolders;
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
        subcommands = {ModelCommand.New.class, ModelCommand.Check.class, ModelCommand.Try.class, ModelCommand.Promote.class,
                ModelCommand.TrainExample.class})
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
            description = "Check models as synth does (descriptor against the model file and the profile features, a warm-up inference,"
                    + " placements.json's routing and budgets), then score sample profiles or your own rows.")
    static final class Check implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", description = "Model name (its folder); every model when omitted.")
        String name;

        @Option(names = "--rows", paramLabel = "FILE.csv", description = "Score these rows instead of the samples: a header of feature"
                + " names (other columns are ignored; an empty cell is a missing feature; offer_id picks the offer a per-offer model scores)."
                + " Prints every offer's score as CSV, to compare with your notebook's predictions.")
        Path rows;

        @Option(names = "--out", paramLabel = "FILE.csv", description = "Write the --rows scores here instead of standard output.")
        Path out;

        @Option(names = "--live", paramLabel = "N", description = "Also rank up to N real profiles of the running ./playerlens up: how"
                + " often each offer comes first, failures, inference time.")
        Integer live;

        @Option(names = "--work-dir", defaultValue = io.playerlens.contracts.config.Names.LOCAL_WORK_DIR,
                description = "With --live: the running ./playerlens up's --work-dir (default: ${DEFAULT-VALUE}).")
        Path workDir;

        @Option(names = "--models-dir", description = "Models folder (default: models/ of the checkout).")
        Path modelsDir;

        @Override
        public Integer call() throws Exception {
            Path dir = modelsDir == null ? LocalPlatform.defaultModelsDir() : modelsDir;
            if (name != null && !Files.isRegularFile(dir.resolve(name).resolve(DescriptorParser.FILE))) {
                System.err.println("no model folder " + name + " under " + dir + " (a folder with a " + DescriptorParser.FILE + ")");
                return 1;
            }
            ModelFolders.Check check = ModelFolders.check(dir);
            List<String> problems = name == null ? check.problems() : check.problems().stream()
                    .filter(p -> p.contains(dir.resolve(name).toString()) || p.contains("routes to model " + name + ",")
                            || p.contains("routes to model " + name + ":")).toList();
            if (!problems.isEmpty()) {
                System.err.println(name == null ? "models cannot serve as they are:" : "model " + name + " cannot serve as it is:");
                problems.forEach(p -> System.err.println("  - " + p));
                return 1;
            }
            List<LoadedModel> checked = name == null ? List.copyOf(check.models().values()) : List.of(check.models().get(name));
            for (LoadedModel model : checked) {
                ModelDescriptor d = model.descriptor();
                System.out.printf("model %s v%s: OK (%s%s, %d features, %d offers, top %d, budget %d ms; loaded in %d ms)%n", d.name(), d.version(),
                        d.kind(), d.output() == null ? "" : ", " + d.output().scoring().name().toLowerCase().replace('_', ' '), d.features().size(),
                        d.offers().size(), d.topK(), d.latencyBudget().toMillis(), model.loadMillis());
                if (rows != null) {
                    if (checked.size() > 1) {
                        System.err.println("--rows scores one model: name it");
                        return 1;
                    }
                    return RowScoring.score(model, rows, out);
                }
                for (Map.Entry<String, Map<String, Object>> sample : new java.util.TreeMap<>(SAMPLES).entrySet()) {
                    List<ScoredOffer> offers = model.rank(new ModelInput("sample", d.placements().get(0), sample.getValue(),
                            FeatureVectors.assemble(d, sample.getValue()), d.offers()));
                    System.out.printf("  %-11s → %s%n", sample.getKey(), describe(offers));
                }
                if (live != null && !liveProfilesOf(model, workDir, live)) {
                    return 1;
                }
            }
            return 0;
        }
    }

    /** Ranks real profiles of the running stack; false when there is none to read. */
    static boolean liveProfilesOf(LoadedModel model, Path workDir, int limit) throws Exception {
        Optional<LocalEndpoints> stack = LocalEndpoints.find(workDir);
        if (stack.isEmpty()) {
            System.err.println("--live: no running ./playerlens up found (" + LocalEndpoints.file(workDir) + " is missing)");
            return false;
        }
        var client = LocalAws.dynamoClient(stack.get().dynamoDb());
        List<io.playerlens.store.StoredProfile> profiles = ProfileStore.sample(client, stack.get().profilesTable(), limit);
        ModelDescriptor d = model.descriptor();
        Map<String, Integer> first = new java.util.TreeMap<>();
        List<String> failures = new java.util.ArrayList<>();
        long[] nanos = new long[profiles.size()];
        long now = System.currentTimeMillis();
        for (int i = 0; i < profiles.size(); i++) {
            Map<String, Object> features = profiles.get(i).featuresAsOf(now);
            long started = System.nanoTime();
            try {
                List<ScoredOffer> ranked = model.rank(new ModelInput(profiles.get(i).playerId(), d.placements().get(0), features,
                        FeatureVectors.assemble(d, features), d.offers()));
                nanos[i] = System.nanoTime() - started;
                if (ranked.isEmpty() || ranked.stream().anyMatch(o -> !Double.isFinite(o.score()))) {
                    failures.add(profiles.get(i).gameId() + "/" + profiles.get(i).playerId() + ": " + ranked);
                } else {
                    first.merge(ranked.get(0).offer().offerId(), 1, Integer::sum);
                }
            } catch (Exception e) {
                nanos[i] = System.nanoTime() - started;
                failures.add(profiles.get(i).gameId() + "/" + profiles.get(i).playerId() + ": " + e);
            }
        }
        java.util.Arrays.sort(nanos);
        System.out.printf("  %d live profiles: first offer %s; %d failed%s%n", profiles.size(), first, failures.size(),
                profiles.isEmpty() ? "" : String.format("; inference p50 %.1f µs, max %.1f µs", nanos[nanos.length / 2] / 1e3,
                        nanos[nanos.length - 1] / 1e3));
        failures.stream().limit(5).forEach(f -> System.out.println("    failed: " + f));
        return failures.isEmpty();
    }

    @Command(name = "try", mixinStandardHelpOptions = true,
            description = "Run a model on a live profile of the running ./playerlens up: the feature vector it builds, its offers, and what"
                    + " the game gets for that player right now.")
    static final class Try implements Callable<Integer> {
        @Parameters(index = "0", description = "Model name (its folder).")
        String name;

        @Option(names = "--player", required = true, description = "Player id.")
        String player;

        @Option(names = "--game", defaultValue = io.playerlens.contracts.config.Names.LOCAL_GAME_ID,
                description = "The player's game (default: ${DEFAULT-VALUE}).")
        String game;

        @Option(names = "--placement", description = "The placement asked for (default: the model's first).")
        String placement;

        @Option(names = "--work-dir", defaultValue = io.playerlens.contracts.config.Names.LOCAL_WORK_DIR,
                description = "The running ./playerlens up's --work-dir, where it published its endpoints (default: ${DEFAULT-VALUE}).")
        Path workDir;

        @Option(names = "--models-dir", description = "Models folder (default: models/ of the checkout).")
        Path modelsDir;

        @Override
        public Integer call() throws Exception {
            Optional<LocalEndpoints> found = LocalEndpoints.find(workDir);
            if (found.isEmpty()) {
                System.err.println("no running ./playerlens up found (" + LocalEndpoints.file(workDir) + " is missing): start it, or pass its"
                        + " --work-dir");
                return 1;
            }
            LocalEndpoints stack = found.get();
            LoadedModel model = LoadedModel.load(folder(modelsDir, name));
            ModelDescriptor d = model.descriptor();
            String asked = placement != null ? placement : d.placements().get(0);
            var client = LocalAws.dynamoClient(stack.dynamoDb());
            PlayerKey key = PlayerKey.of(game, player);
            Optional<Map<String, Object>> features = ProfileStore.features(client, stack.profilesTable(), key);
            if (features.isEmpty()) {
                System.out.println("player " + key + " has no profile (yet): every model falls back for them (profile_not_found)");
            } else {
                System.out.println("feature vector of " + key + " for " + d.name() + ":");
                Object[] vector = FeatureVectors.values(d, features.get(), d.output() != null
                        && d.output().scoring() == ModelDescriptor.Scoring.PER_OFFER ? d.offers().get(0) : null);
                for (int i = 0; i < vector.length; i++) {
                    ModelDescriptor.FeatureInput f = d.features().get(i);
                    Object raw = f.source() == ModelDescriptor.Source.OFFER ? "(each candidate's)" : features.get().get(f.name());
                    System.out.printf("  %-22s %-14s ← %s%n", f.label(), vector[i], raw == null ? "absent: its \"missing\" value" : raw);
                }
                ModelAnswer answer = new ModelService(model, id -> features).answer(key, asked);
                System.out.println(name + " (this folder, as on disk) → " + (answer.succeeded() ? describe(answer.offers())
                        : "no answer: " + answer.failure() + " (the game would get the placement's default offers)"));
            }
            String apiKey = stack.apiKeys().get(game);
            if (apiKey == null) {
                System.out.println("(game " + game + " is not served by this stack: no offers asked)");
                return 0;
            }
            URI offers = stack.gateway().resolve("/v1/players/"
                    + java.net.URLEncoder.encode(player, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20") + "/offers?placement="
                    + java.net.URLEncoder.encode(asked, java.nio.charset.StandardCharsets.UTF_8));
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(offers)
                    .header("x-api-key", apiKey).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            JsonNode body = new ObjectMapper().readTree(response.body());
            List<String> served = new java.util.ArrayList<>();
            body.path("offers").forEach(o -> served.add(o.path("offer_id").asText()));
            System.out.println("the game gets (GET " + offers.getPath() + "?placement=" + asked + " → " + response.statusCode() + "): variant "
                    + body.path("variant").asText("-") + ", model " + body.path("model").asText("-") + ", offers " + served
                    + (body.path("fallback").asBoolean() ? " — fallback: " + body.path("reason").asText() : ""));
            if (!name.equals(body.path("model").asText())) {
                System.out.println("  this player's variant is not " + name + "; `./playerlens model promote " + name + " --placement " + asked
                        + " --traffic N` gives it a share of the players");
            }
            return 0;
        }
    }

    @Command(name = "promote", mixinStandardHelpOptions = true,
            description = "Give a model N % of a placement's players in placements.json (a variant is added for it if it has none; the other"
                    + " variants share the rest in proportion). The result is checked as synth checks it before it is kept.")
    static final class Promote implements Callable<Integer> {
        @Parameters(index = "0", description = "Model name (its folder).")
        String name;

        @Option(names = "--placement", required = true, description = "The placement, e.g. store.")
        String placement;

        @Option(names = "--traffic", paramLabel = "PERCENT", description = "Its share of the placement's players, 0-100.")
        Integer traffic;

        @Option(names = "--shadow", description = "Instead: score and log every request of the placement (offer_served with"
                + " shadow: true) without serving anyone, to compare with the served models before giving it traffic.")
        boolean shadow;

        @Option(names = "--models-dir", description = "Models folder (default: models/ of the checkout).")
        Path modelsDir;

        @Override
        public Integer call() throws Exception {
            Path dir = modelsDir == null ? LocalPlatform.defaultModelsDir() : modelsDir;
            Path file = dir.resolve(io.playerlens.contracts.offers.Placements.FILE);
            String before = Files.readString(file);
            JsonNode was = Promotion.mapper().readTree(before);
            com.fasterxml.jackson.databind.node.ObjectNode promoted;
            if (shadow == (traffic != null)) {
                System.err.println("give either --traffic PERCENT or --shadow");
                return 2;
            }
            try {
                promoted = shadow ? Promotion.shadow(was, name, placement) : Promotion.promote(was, name, placement, traffic);
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return 1;
            }
            List<String> already = ModelFolders.check(dir).problems();
            Files.writeString(file, Promotion.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(promoted) + "\n");
            List<String> introduced = ModelFolders.check(dir).problems().stream().filter(p -> !already.contains(p)).toList();
            if (!introduced.isEmpty()) {
                Files.writeString(file, before);
                System.err.println(file + " left as it was: with " + name + (shadow ? " shadowing " : " at " + traffic + " % of ") + placement + ":");
                introduced.forEach(p -> System.err.println("  - " + p));
                return 1;
            }
            if (!already.isEmpty()) {
                System.err.println("(problems that were there before, left alone: " + already.size() + "; ./playerlens model check lists them)");
            }
            System.out.println(placement + ": " + Promotion.describe(promoted.get(placement)) + "   (was: " + Promotion.describe(was.get(placement)) + ")");
            System.out.println("locally: a running ./playerlens up serves the new split within a second; on AWS: ./playerlens cdk deploy"
                    + " 'PlayerlensModel-*' (each model stack registers its own weight; the offers API reads them within its placements TTL)");
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
