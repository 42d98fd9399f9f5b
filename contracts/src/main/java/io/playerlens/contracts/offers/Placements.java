package io.playerlens.contracts.offers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The placements routing and its one JSON mapping: {@code models/placements.json} (what a studio declares: every
 * placement's salt, budget, default offers and its variants with weights in percent), {@code PLACEMENTS_JSON} and the
 * SSM registry on AWS (the same settings, the variants registered by the deployed model stacks).
 *
 * <pre>{"store": {"salt": "store-2026-11", "budget_ms": 60,
 *            "default_offers": [{"offer_id", "sku", "price_cents"}],
 *            "variants": [{"variant": "A", "model": "starter-heuristic", "weight": 50}, ...]}}</pre>
 *
 * Keys starting with {@code _} are comments.
 */
public final class Placements {
    public static final String FILE = "placements.json";
    public static final String SALT = "salt";
    public static final String BUDGET_MS = "budget_ms";
    public static final String DEFAULT_OFFERS = "default_offers";
    public static final String VARIANTS = "variants";
    public static final String VARIANT = "variant";
    public static final String MODEL = "model";
    public static final String WEIGHT = "weight";
    public static final String SHADOW = "shadow";
    public static final int DEFAULT_BUDGET_MS = 100;
    public static final int MAX_BUDGET_MS = 1000;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, Placement> byName;

    private Placements(Map<String, Placement> byName) {
        this.byName = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    public Optional<Placement> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Map<String, Placement> all() {
        return byName;
    }

    /**
     * What the offers API serves from: the variants present are the ones deployed (on AWS a model stack may not be
     * deployed yet), so their weights need not add up to 100 — each gets its weight's share of the total.
     *
     * @throws IllegalArgumentException naming every mistake
     */
    public static Placements parse(String json) {
        return parse(json, false);
    }

    /**
     * The studio's declaration ({@code models/placements.json}): as {@link #parse}, and each placement that declares
     * variants splits exactly 100 % between them, one variant per model.
     */
    public static Placements parseDeclared(String json) {
        return parse(json, true);
    }

    /** {@link #parseDeclared} of {@code models/placements.json}; none when the folder has no such file. */
    public static Placements readDeclared(Path modelsDir) {
        Path file = modelsDir.resolve(FILE);
        if (!Files.exists(file)) {
            return new Placements(Map.of());
        }
        try {
            return parseDeclared(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    private static Placements parse(String json, boolean declared) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("placements are not valid JSON: " + e.getMessage().split("\n")[0]);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("placements must be a JSON object of placement name → settings");
        }
        List<String> problems = new ArrayList<>();
        Map<String, Placement> placements = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getKey().startsWith("_")) {
                Placement placement = placement(entry.getKey(), entry.getValue(), declared, problems);
                if (placement != null) {
                    placements.put(entry.getKey(), placement);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid placements: " + String.join("; ", problems));
        }
        return new Placements(placements);
    }

    private static Placement placement(String name, JsonNode p, boolean declared, List<String> problems) {
        if (!p.isObject()) {
            problems.add(name + ": must be an object with " + DEFAULT_OFFERS + " (and " + VARIANTS + ")");
            return null;
        }
        List<Offer> defaults = OfferJson.readList(p.get(DEFAULT_OFFERS), name + "." + DEFAULT_OFFERS, problems);
        int budget = p.path(BUDGET_MS).asInt(DEFAULT_BUDGET_MS);
        if (p.has(BUDGET_MS) && (!p.get(BUDGET_MS).isIntegralNumber() || budget < 1 || budget > MAX_BUDGET_MS)) {
            problems.add(name + "." + BUDGET_MS + " must be an integer between 1 and " + MAX_BUDGET_MS);
        }
        List<Placement.Variant> variants = variants(name, p.path(VARIANTS), declared, problems);
        String salt = p.path(SALT).isTextual() ? p.get(SALT).asText() : name;
        return new Placement(name, salt, Duration.ofMillis(budget), defaults, variants);
    }

    /** No variant is legitimate (a fresh deployment before any model stack): the placement serves its defaults. */
    private static List<Placement.Variant> variants(String name, JsonNode array, boolean declared, List<String> problems) {
        List<Placement.Variant> variants = new ArrayList<>();
        if (array.isMissingNode() || array.isNull()) {
            return variants;
        }
        if (!array.isArray()) {
            problems.add(name + "." + VARIANTS + " must be a list of {\"" + VARIANT + "\", \"" + MODEL + "\", \"" + WEIGHT + "\"}");
            return variants;
        }
        Set<String> names = new HashSet<>();
        Set<String> models = new HashSet<>();
        int total = 0;
        for (JsonNode v : array) {
            String variant = v.path(VARIANT).asText("");
            String model = v.path(MODEL).asText("");
            boolean shadow = v.path(SHADOW).asBoolean(false);
            if (shadow) {
                if (variant.isBlank() || model.isBlank() || (v.has(WEIGHT) && v.get(WEIGHT).asInt(-1) != 0)) {
                    problems.add(name + ": a shadow variant is {\"" + VARIANT + "\", \"" + MODEL + "\", \"" + SHADOW + "\": true} and serves no"
                            + " players (no " + WEIGHT + ", or 0)");
                    continue;
                }
                if (!names.add(variant)) {
                    problems.add(name + ": variant " + variant + " is listed twice");
                }
                if (!models.add(model)) {
                    problems.add(name + ": model " + model + " serves two variants (deploy it under another name for a second arm)");
                }
                variants.add(new Placement.Variant(variant, model, 0, true));
                continue;
            }
            JsonNode weight = v.path(WEIGHT);
            if (variant.isBlank() || model.isBlank() || !weight.isIntegralNumber() || weight.asInt() < 0 || weight.asInt() > 100) {
                problems.add(name + ": every variant needs a " + VARIANT + " name, a " + MODEL + " and a " + WEIGHT
                        + " in percent (an integer from 0 to 100)");
                continue;
            }
            if (!names.add(variant)) {
                problems.add(name + ": variant " + variant + " is listed twice");
            }
            if (!models.add(model)) {
                problems.add(name + ": model " + model + " serves two variants (deploy it under another name for a second arm)");
            }
            total += weight.asInt();
            variants.add(new Placement.Variant(variant, model, weight.asInt()));
        }
        if (declared && variants.stream().anyMatch(v -> !v.shadow()) && total != 100) {
            problems.add(name + ": the variants' weights are percentages and must add up to 100, they add up to " + total);
        }
        return variants;
    }

    /** The JSON form, with or without the variants (the core stack publishes the settings; model stacks register variants). */
    public ObjectNode toJson(boolean withVariants) {
        ObjectNode root = MAPPER.createObjectNode();
        byName.values().forEach(p -> root.set(p.name(), toJson(p, withVariants)));
        return root;
    }

    public static ObjectNode toJson(Placement p, boolean withVariants) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put(SALT, p.salt());
        node.put(BUDGET_MS, p.budget().toMillis());
        ArrayNode defaults = node.putArray(DEFAULT_OFFERS);
        p.defaultOffers().forEach(o -> defaults.add(OfferJson.write(o)));
        if (withVariants) {
            ArrayNode variants = node.putArray(VARIANTS);
            p.variants().forEach(v -> variants.add(variantJson(v)));
        }
        return node;
    }

    /** A variant's registration, {@code {"variant", "model", "weight"}} or {@code {"variant", "model", "shadow": true}}. */
    public static ObjectNode variantJson(Placement.Variant v) {
        ObjectNode node = MAPPER.createObjectNode().put(VARIANT, v.variant()).put(MODEL, v.model());
        return v.shadow() ? node.put(SHADOW, true) : node.put(WEIGHT, v.weight());
    }
}
