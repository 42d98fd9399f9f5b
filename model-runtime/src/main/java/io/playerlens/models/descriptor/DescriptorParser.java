package io.playerlens.models.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playerlens.contracts.offers.Offer;
import io.playerlens.contracts.offers.OfferJson;
import io.playerlens.contracts.profile.FeatureCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates a model folder's {@code model.json}. Every mistake is reported at once, each with the
 * field and the rule, so a data scientist fixes the descriptor in one pass.
 */
public final class DescriptorParser {
    public static final String FILE = "model.json";
    public static final int MAX_LATENCY_BUDGET_MS = 1000;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,47}");
    /** {@code "missing": NaN} is how tree libraries (XGBoost, LightGBM) spell a missing value: read it, though JSON has no NaN. */
    private static final ObjectMapper MAPPER = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private DescriptorParser() {
    }

    public static ModelDescriptor read(Path folder) {
        Path file = folder.resolve(FILE);
        if (!Files.exists(file)) {
            throw new DescriptorException(folder.toString(), List.of(FILE + " is missing"));
        }
        try {
            return parse(MAPPER.readTree(file.toFile()), folder);
        } catch (IOException e) {
            throw new DescriptorException(file.toString(), List.of("not valid JSON: " + e.getMessage().split("\n")[0]));
        }
    }

    /**
     * Checks a descriptor field by field; every problem found goes into one list, so a data scientist sees all of
     * them at once.
     *
     * @throws DescriptorException listing every problem
     */
    public static ModelDescriptor parse(JsonNode json, Path folder) {
        List<String> problems = new ArrayList<>();
        String name = name(json, problems);
        String version = text(json, "version", problems);
        List<String> placements = placements(json, problems);
        ModelDescriptor.Kind kind = kind(json, problems);
        List<ModelDescriptor.FeatureInput> features = features(json, problems);
        List<Offer> offers = OfferJson.readList(json.get("offers"), "offers", problems);
        Set<String> offerIds = new HashSet<>();
        offers.forEach(o -> offerIds.add(o.offerId())); // OfferJson refuses an offer id listed twice
        java.util.Map<String, Path> offerModelFiles = kind == ModelDescriptor.Kind.ONNX && json.has("model_files")
                ? offerModelFiles(json, folder, offerIds, problems) : java.util.Map.of();
        Path modelFile = kind == ModelDescriptor.Kind.ONNX && offerModelFiles.isEmpty() && !json.has("model_files")
                ? modelFile(json, folder, problems) : null;
        if (json.has("model_files") && json.has("model_file")) {
            problems.add("model_file and model_files: give one ONNX file for the model, or one per offer, not both");
        }
        String className = kind == ModelDescriptor.Kind.JAVA ? text(json, "class", problems) : null;
        ModelDescriptor.Output output = kind == ModelDescriptor.Kind.ONNX
                ? output(json, offerIds, features, offerModelFiles.isEmpty() ? offers.size() : 1, problems) : null;
        if (!offerModelFiles.isEmpty() && output != null && output.scoring() != ModelDescriptor.Scoring.PER_OFFER) {
            problems.add("model_files: one model per offer scores that offer alone; set output.per_offer to true (and output.class)");
        }
        if (kind == ModelDescriptor.Kind.JAVA && features.stream().anyMatch(f -> f.source() == ModelDescriptor.Source.OFFER)) {
            problems.add("features: offer attributes feed ONNX per-offer models; a Java model reads the candidates it is given");
        }
        int topK = topK(json, offers.size(), problems);
        int budget = latencyBudget(json, problems);
        List<String> defaults = defaultOffers(json, offerIds, problems);
        if (!problems.isEmpty()) {
            throw new DescriptorException(folder.resolve(FILE).toString(), problems);
        }
        return new ModelDescriptor(name, version, List.copyOf(placements), kind, modelFile, offerModelFiles, className, List.copyOf(features),
                List.copyOf(offers), output, topK, Duration.ofMillis(budget), List.copyOf(defaults), folder);
    }

    private static String name(JsonNode json, List<String> problems) {
        String name = text(json, "name", problems);
        if (name != null && !NAME.matcher(name).matches()) {
            problems.add("name must be 1-48 characters of [a-z0-9-], starting with a letter or digit");
        }
        return name;
    }

    private static List<String> placements(JsonNode json, List<String> problems) {
        List<String> placements = new ArrayList<>();
        JsonNode node = json.get("placements");
        if (node == null || !node.isArray() || node.isEmpty()) {
            problems.add("placements must be a non-empty list of placement names");
        } else {
            node.forEach(p -> placements.add(p.asText()));
        }
        return placements;
    }

    private static ModelDescriptor.Kind kind(JsonNode json, List<String> problems) {
        String kind = text(json, "type", problems);
        if (kind == null) {
            return null;
        }
        switch (kind) {
            case "onnx":
                return ModelDescriptor.Kind.ONNX;
            case "java":
                return ModelDescriptor.Kind.JAVA;
            default:
                problems.add("type must be \"onnx\" or \"java\", got \"" + kind + "\"");
                return null;
        }
    }

    private static List<ModelDescriptor.FeatureInput> features(JsonNode json, List<String> problems) {
        List<ModelDescriptor.FeatureInput> features = new ArrayList<>();
        JsonNode node = json.get("features");
        if (node == null || !node.isArray()) {
            problems.add("features must be a list of {\"name\", \"missing\"} (profile features) or {\"offer\": attribute} in the model's"
                    + " input order");
            return features;
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode f : node) {
            ModelDescriptor.FeatureInput feature = f.has("offer") ? offerFeature(f, problems) : profileFeature(f, problems);
            if (feature != null) {
                if (!seen.add(feature.label())) {
                    problems.add("features: '" + feature.label() + "' is listed twice");
                }
                features.add(feature);
            }
        }
        return features;
    }

    private static ModelDescriptor.FeatureInput profileFeature(JsonNode f, List<String> problems) {
        String feature = f.path("name").asText("");
        if (!FeatureCatalog.names().contains(feature)) {
            problems.add("features: '" + feature + "' is not a profile feature; known: " + String.join(", ", FeatureCatalog.names())
                    + " (an offer's attribute is {\"offer\": \"price_cents\"})");
            return null;
        }
        String input = input(f, feature, problems);
        if (FeatureCatalog.kind(feature) == FeatureCatalog.Kind.TEXT) {
            if (!f.path("missing").isTextual()) {
                problems.add("features: '" + feature + "' is text (e.g. \"ios\"); its \"missing\" must be text too, the category a profile"
                        + " without it gets (e.g. \"unknown\")");
                return null;
            }
            if (f.has("scale")) {
                problems.add("features: '" + feature + "' is text; scale applies to numbers only");
                return null;
            }
            return new ModelDescriptor.FeatureInput(feature, ModelDescriptor.Source.PROFILE, input, Double.NaN, f.get("missing").asText(), 1);
        }
        double missing;
        if (f.path("missing").isNumber()) {
            missing = f.get("missing").asDouble();
        } else if (f.path("missing").isTextual() && f.get("missing").asText().equals("NaN")) {
            missing = Double.NaN; // the same, in standard JSON
        } else {
            problems.add("features: '" + feature + "' needs a numeric \"missing\" (the value used when a profile lacks it; NaN or \"NaN\""
                    + " for models that treat missing values themselves, as tree libraries do)");
            return null;
        }
        if (Double.isInfinite(missing)) {
            problems.add("features: \"missing\" of '" + feature + "' must be a finite number or NaN");
            return null;
        }
        Double scale = scale(f, feature, problems);
        return scale == null ? null : new ModelDescriptor.FeatureInput(feature, ModelDescriptor.Source.PROFILE, input, missing, null, scale);
    }

    private static ModelDescriptor.FeatureInput offerFeature(JsonNode f, List<String> problems) {
        String attribute = f.path("offer").asText("");
        if (!OfferAttributes.NAMES.contains(attribute)) {
            problems.add("features: {\"offer\": \"" + attribute + "\"} is not an offer attribute; known: " + String.join(", ", OfferAttributes.NAMES));
            return null;
        }
        if (f.has("name") || f.has("missing")) {
            problems.add("features: {\"offer\": \"" + attribute + "\"} takes no name or missing (every offer has its " + attribute + ")");
            return null;
        }
        String input = input(f, attribute, problems);
        if (OfferAttributes.kind(attribute) == FeatureCatalog.Kind.TEXT) {
            if (f.has("scale")) {
                problems.add("features: offer." + attribute + " is text; scale applies to numbers only");
                return null;
            }
            return new ModelDescriptor.FeatureInput(attribute, ModelDescriptor.Source.OFFER, input, Double.NaN, null, 1);
        }
        Double scale = scale(f, "offer." + attribute, problems);
        return scale == null ? null : new ModelDescriptor.FeatureInput(attribute, ModelDescriptor.Source.OFFER, input, Double.NaN, null, scale);
    }

    private static String input(JsonNode f, String feature, List<String> problems) {
        if (!f.has("input")) {
            return null;
        }
        if (!f.get("input").isTextual() || f.get("input").asText().isBlank()) {
            problems.add("features: \"input\" of '" + feature + "' must be the name of one of the ONNX model's inputs");
            return null;
        }
        return f.get("input").asText();
    }

    private static Double scale(JsonNode f, String feature, List<String> problems) {
        double scale = f.path("scale").asDouble(1);
        if (f.has("scale") && (!f.get("scale").isNumber() || scale <= 0)) {
            problems.add("features: scale of '" + feature + "' must be a number > 0");
            return null;
        }
        return scale;
    }

    /** {@code "model_files": {"<offer_id>": "<file>.onnx", ...}}: every offer, each with a file of the folder. */
    private static java.util.Map<String, Path> offerModelFiles(JsonNode json, Path folder, Set<String> offerIds, List<String> problems) {
        JsonNode files = json.get("model_files");
        if (!files.isObject() || files.isEmpty()) {
            problems.add("model_files must be {\"<offer_id>\": \"<file>.onnx\", ...}: one ONNX file per offer");
            return java.util.Map.of();
        }
        java.util.Map<String, Path> byOffer = new java.util.LinkedHashMap<>();
        files.fields().forEachRemaining(entry -> {
            if (!offerIds.contains(entry.getKey())) {
                problems.add("model_files: " + entry.getKey() + " is not in offers");
                return;
            }
            Path file = folder.resolve(entry.getValue().asText(""));
            if (!insideFolder(folder, file)) {
                problems.add("model_files: the file of " + entry.getKey() + " must be inside the model folder (it is deployed alone)");
                return;
            }
            if (!entry.getValue().isTextual() || !Files.isRegularFile(file)) {
                problems.add("model_files: the file of " + entry.getKey() + ", " + entry.getValue() + ", does not exist in " + folder);
                return;
            }
            byOffer.put(entry.getKey(), file);
        });
        for (String offer : new java.util.TreeSet<>(offerIds)) {
            if (!files.has(offer)) {
                problems.add("model_files: offer " + offer + " has no model file (each offer is scored by its own model)");
            }
        }
        return java.util.Collections.unmodifiableMap(byOffer);
    }

    private static boolean insideFolder(Path folder, Path file) {
        return file.toAbsolutePath().normalize().startsWith(folder.toAbsolutePath().normalize());
    }

    private static Path modelFile(JsonNode json, Path folder, List<String> problems) {
        String fileName = text(json, "model_file", problems);
        if (fileName == null) {
            return null;
        }
        Path modelFile = folder.resolve(fileName);
        if (!insideFolder(folder, modelFile)) {
            problems.add("model_file " + fileName + " must be inside the model folder (it is deployed alone)");
            return null;
        }
        if (!Files.isRegularFile(modelFile)) {
            problems.add("model_file " + fileName + " does not exist in " + folder);
        }
        return modelFile;
    }

    private static final String OUTPUT_RULE = "output must be {\"name\": <ONNX output>, \"offers\": [offer_id of each score, in"
            + " output order] or {<column or map key>: offer_id}}, or {\"name\": <ONNX output>, \"per_offer\": true, \"class\": <the"
            + " positive class>} for a model that scores one offer at a time";

    private static ModelDescriptor.Output output(JsonNode json, Set<String> offerIds, List<ModelDescriptor.FeatureInput> features, int offers,
                                                 List<String> problems) {
        JsonNode output = json.get("output");
        if (output == null || !output.path("name").isTextual()) {
            problems.add(OUTPUT_RULE);
            return null;
        }
        String name = output.get("name").asText();
        boolean offerFeatures = features.stream().anyMatch(f -> f.source() == ModelDescriptor.Source.OFFER);
        if (output.path("per_offer").asBoolean(false)) {
            if (output.has("offers")) {
                problems.add("output: a per_offer model scores each of the descriptor's offers; drop output.offers");
            }
            JsonNode positive = output.get("class");
            if (positive != null && !positive.isNumber() && !positive.isTextual()) {
                problems.add("output.class must be the positive class, a column index or a label such as 1 or \"yes\"");
            }
            if (offers > 1 && !offerFeatures) {
                problems.add("output: a per_offer model over " + offers + " offers needs an offer's attribute among its features (e.g."
                        + " {\"offer\": \"offer_id\"}); without one every offer gets the same score");
            }
            return new ModelDescriptor.Output(name, ModelDescriptor.Scoring.PER_OFFER, List.of(), null,
                    positive == null ? null : positive.asText());
        }
        if (offerFeatures) {
            problems.add("features: an offer's attribute is read when each offer is scored on its own; set output.per_offer to true");
        }
        JsonNode listed = output.get("offers");
        List<String> outputOffers = new ArrayList<>();
        List<String> classes = null;
        if (listed != null && listed.isArray()) {
            listed.forEach(o -> outputOffers.add(o.asText()));
        } else if (listed != null && listed.isObject()) {
            classes = new ArrayList<>();
            for (var entry : (Iterable<java.util.Map.Entry<String, JsonNode>>) listed::fields) {
                classes.add(entry.getKey());
                outputOffers.add(entry.getValue().asText());
            }
        } else {
            problems.add(OUTPUT_RULE);
            return null;
        }
        Set<String> seen = new HashSet<>();
        for (String id : outputOffers) {
            if (!offerIds.contains(id)) {
                problems.add("output.offers: " + id + " is not in offers");
            }
            if (!seen.add(id)) {
                problems.add("output.offers: " + id + " is listed twice (each score is one offer)");
            }
        }
        return new ModelDescriptor.Output(name, ModelDescriptor.Scoring.PER_PLAYER, List.copyOf(outputOffers),
                classes == null ? null : List.copyOf(classes), null);
    }

    private static int topK(JsonNode json, int offers, List<String> problems) {
        int topK = json.path("top_k").asInt(0);
        if (topK < 1 || (offers > 0 && topK > offers)) {
            problems.add("top_k must be between 1 and the number of offers (" + offers + ")");
        }
        return topK;
    }

    private static int latencyBudget(JsonNode json, List<String> problems) {
        int budget = json.path("latency_budget_ms").asInt(0);
        if (budget < 1 || budget > MAX_LATENCY_BUDGET_MS) {
            problems.add("latency_budget_ms must be between 1 and " + MAX_LATENCY_BUDGET_MS);
        }
        return budget;
    }

    private static List<String> defaultOffers(JsonNode json, Set<String> offerIds, List<String> problems) {
        List<String> defaults = new ArrayList<>();
        JsonNode node = json.get("default_offers");
        if (node == null || !node.isArray() || node.isEmpty()) {
            problems.add("default_offers must be a non-empty list of offer ids (served when the model cannot answer)");
            return defaults;
        }
        node.forEach(d -> {
            if (!offerIds.contains(d.asText())) {
                problems.add("default_offers: " + d.asText() + " is not in offers");
            }
            if (defaults.contains(d.asText())) {
                problems.add("default_offers: " + d.asText() + " is listed twice (it would be served twice)");
            }
            defaults.add(d.asText());
        });
        return defaults;
    }

    private static String text(JsonNode json, String field, List<String> problems) {
        JsonNode node = json.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            problems.add(field + " is required (a string)");
            return null;
        }
        return node.asText();
    }
}
