package io.playerlens.models.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playerlens.contracts.offers.Offer;
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
    private static final ObjectMapper MAPPER = new ObjectMapper();

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

    public static ModelDescriptor parse(JsonNode json, Path folder) {
        List<String> problems = new ArrayList<>();
        String name = text(json, "name", problems);
        if (name != null && !NAME.matcher(name).matches()) {
            problems.add("name must be 1-48 characters of [a-z0-9-], starting with a letter or digit");
        }
        String version = text(json, "version", problems);

        List<String> placements = new ArrayList<>();
        JsonNode placementsNode = json.get("placements");
        if (placementsNode == null || !placementsNode.isArray() || placementsNode.isEmpty()) {
            problems.add("placements must be a non-empty list of placement names");
        } else {
            placementsNode.forEach(p -> placements.add(p.asText()));
        }

        String kindText = text(json, "type", problems);
        ModelDescriptor.Kind kind = null;
        if (kindText != null) {
            if (kindText.equals("onnx")) {
                kind = ModelDescriptor.Kind.ONNX;
            } else if (kindText.equals("java")) {
                kind = ModelDescriptor.Kind.JAVA;
            } else {
                problems.add("type must be \"onnx\" or \"java\", got \"" + kindText + "\"");
            }
        }

        List<ModelDescriptor.FeatureInput> features = new ArrayList<>();
        JsonNode featuresNode = json.get("features");
        if (featuresNode == null || !featuresNode.isArray()) {
            problems.add("features must be a list of {\"name\", \"missing\"} in the model's input order");
        } else {
            Set<String> seen = new HashSet<>();
            for (JsonNode f : featuresNode) {
                String feature = f.path("name").asText("");
                if (!FeatureCatalog.names().contains(feature)) {
                    problems.add("features: '" + feature + "' is not a profile feature; known: " + String.join(", ", FeatureCatalog.names()));
                    continue;
                }
                if (!seen.add(feature)) {
                    problems.add("features: '" + feature + "' is listed twice");
                }
                if (!f.path("missing").isNumber()) {
                    problems.add("features: '" + feature + "' needs a numeric \"missing\" (the value used when a profile lacks it)");
                    continue;
                }
                double scale = f.path("scale").asDouble(1);
                if (f.has("scale") && (!f.get("scale").isNumber() || scale <= 0)) {
                    problems.add("features: scale of '" + feature + "' must be a number > 0");
                    continue;
                }
                features.add(new ModelDescriptor.FeatureInput(feature, f.get("missing").asDouble(), scale));
            }
        }

        List<Offer> offers = new ArrayList<>();
        JsonNode offersNode = json.get("offers");
        if (offersNode == null || !offersNode.isArray() || offersNode.isEmpty()) {
            problems.add("offers must be a non-empty list of {\"offer_id\", \"sku\", \"price_cents\"}");
        } else {
            Set<String> ids = new HashSet<>();
            for (JsonNode o : offersNode) {
                String id = o.path("offer_id").asText("");
                if (id.isEmpty() || o.path("sku").asText("").isEmpty()) {
                    problems.add("offers: every offer needs an offer_id and a sku");
                    continue;
                }
                if (!o.path("price_cents").canConvertToLong() || o.path("price_cents").asLong() < 0) {
                    problems.add("offers: price_cents of " + id + " must be an integer >= 0");
                    continue;
                }
                if (!ids.add(id)) {
                    problems.add("offers: offer_id " + id + " is listed twice");
                }
                offers.add(new Offer(id, o.get("sku").asText(), o.get("price_cents").asLong()));
            }
        }
        Set<String> offerIds = new HashSet<>();
        offers.forEach(o -> offerIds.add(o.offerId()));

        Path modelFile = null;
        String className = null;
        String outputName = null;
        List<String> outputOffers = new ArrayList<>();
        if (kind == ModelDescriptor.Kind.ONNX) {
            String fileName = text(json, "model_file", problems);
            if (fileName != null) {
                modelFile = folder.resolve(fileName);
                if (!Files.isRegularFile(modelFile)) {
                    problems.add("model_file " + fileName + " does not exist in " + folder);
                }
            }
            JsonNode output = json.get("output");
            if (output == null || !output.path("name").isTextual() || !output.path("offers").isArray()) {
                problems.add("output must be {\"name\": <ONNX output>, \"offers\": [offer_id of each score, in output order]}");
            } else {
                outputName = output.get("name").asText();
                output.get("offers").forEach(o -> outputOffers.add(o.asText()));
                for (String id : outputOffers) {
                    if (!offerIds.contains(id)) {
                        problems.add("output.offers: " + id + " is not in offers");
                    }
                }
            }
        } else if (kind == ModelDescriptor.Kind.JAVA) {
            className = text(json, "class", problems);
        }

        int topK = json.path("top_k").asInt(0);
        if (topK < 1 || (!offers.isEmpty() && topK > offers.size())) {
            problems.add("top_k must be between 1 and the number of offers (" + offers.size() + ")");
        }
        int budget = json.path("latency_budget_ms").asInt(0);
        if (budget < 1 || budget > MAX_LATENCY_BUDGET_MS) {
            problems.add("latency_budget_ms must be between 1 and " + MAX_LATENCY_BUDGET_MS);
        }
        List<String> defaults = new ArrayList<>();
        JsonNode defaultsNode = json.get("default_offers");
        if (defaultsNode == null || !defaultsNode.isArray() || defaultsNode.isEmpty()) {
            problems.add("default_offers must be a non-empty list of offer ids (served when the model cannot answer)");
        } else {
            defaultsNode.forEach(d -> {
                if (!offerIds.contains(d.asText())) {
                    problems.add("default_offers: " + d.asText() + " is not in offers");
                }
                defaults.add(d.asText());
            });
        }
        if (!problems.isEmpty()) {
            throw new DescriptorException(folder.resolve(FILE).toString(), problems);
        }
        return new ModelDescriptor(name, version, List.copyOf(placements), kind, modelFile, className, List.copyOf(features),
                List.copyOf(offers), outputName, List.copyOf(outputOffers), topK, Duration.ofMillis(budget), List.copyOf(defaults), folder);
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
