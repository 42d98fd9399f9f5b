package io.playerlens.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.offers.Placements;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code model promote NAME --placement P --traffic N}: sets the model's share of a placement's players to N percent in
 * {@code placements.json} (adding a variant for it when it has none) and rescales the other variants to the remaining
 * percent in proportion to their weights, so the weights still add up to 100. Everything else in the file is kept.
 */
final class Promotion {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Promotion() {
    }

    /** The edited file; the input is not modified. */
    static ObjectNode promote(JsonNode placementsFile, String model, String placement, int traffic) {
        if (traffic < 0 || traffic > 100) {
            throw new IllegalArgumentException("--traffic is a percentage of the placement's players: 0 to 100, got " + traffic);
        }
        ObjectNode file = placementsFile.deepCopy();
        JsonNode p = file.get(placement);
        if (p == null || !p.isObject()) {
            List<String> known = new ArrayList<>();
            file.fieldNames().forEachRemaining(n -> {
                if (!n.startsWith("_")) {
                    known.add(n);
                }
            });
            throw new IllegalArgumentException("placement " + placement + " is not in " + Placements.FILE + "; its placements: " + known);
        }
        ArrayNode variants = ((ObjectNode) p).withArray(Placements.VARIANTS);
        ObjectNode target = null;
        List<String> names = new ArrayList<>();
        for (JsonNode v : variants) {
            names.add(v.path(Placements.VARIANT).asText());
            if (v.path(Placements.MODEL).asText().equals(model)) {
                target = (ObjectNode) v;
            }
        }
        if (target == null) {
            target = variants.addObject().put(Placements.VARIANT, nextName(names)).put(Placements.MODEL, model);
        }
        target.remove(Placements.SHADOW); // a shadow promoted to serve players
        List<ObjectNode> others = new ArrayList<>();
        for (JsonNode v : variants) {
            if (v != target && !v.path(Placements.SHADOW).asBoolean(false)) {
                others.add((ObjectNode) v);
            }
        }
        if (others.isEmpty() && traffic != 100) {
            throw new IllegalArgumentException(model + " would be the only variant of " + placement + ": it takes 100 % of its players");
        }
        target.put(Placements.WEIGHT, traffic);
        rescale(others, 100 - traffic);
        return file;
    }

    /**
     * Makes the model a shadow of the placement: scored and logged on every request, never served. A model that serves
     * players there must be taken to 0 % first ({@code --traffic 0}), so nobody's offers change by surprise.
     */
    static ObjectNode shadow(JsonNode placementsFile, String model, String placement) {
        ObjectNode file = placementsFile.deepCopy();
        JsonNode p = file.get(placement);
        if (p == null || !p.isObject()) {
            return promote(placementsFile, model, placement, 0); // the same message for an unknown placement
        }
        ArrayNode variants = ((ObjectNode) p).withArray(Placements.VARIANTS);
        List<String> names = new ArrayList<>();
        for (JsonNode v : variants) {
            names.add(v.path(Placements.VARIANT).asText());
            if (v.path(Placements.MODEL).asText().equals(model)) {
                if (v.path(Placements.WEIGHT).asInt(0) > 0) {
                    throw new IllegalArgumentException(model + " serves " + v.path(Placements.WEIGHT).asInt() + " % of " + placement
                            + "'s players (variant " + v.path(Placements.VARIANT).asText() + "): take it to --traffic 0 first");
                }
                ((ObjectNode) v).remove(Placements.WEIGHT);
                ((ObjectNode) v).put(Placements.SHADOW, true);
                return file;
            }
        }
        variants.addObject().put(Placements.VARIANT, "shadow-" + model).put(Placements.MODEL, model).put(Placements.SHADOW, true);
        return file;
    }

    /** Splits {@code total} percent between the variants in proportion to their weights (largest remainder, integers). */
    private static void rescale(List<ObjectNode> variants, int total) {
        if (variants.isEmpty()) {
            return;
        }
        long sum = variants.stream().mapToLong(v -> v.path(Placements.WEIGHT).asLong()).sum();
        double[] exact = new double[variants.size()];
        int assigned = 0;
        for (int i = 0; i < exact.length; i++) {
            long w = variants.get(i).path(Placements.WEIGHT).asLong();
            exact[i] = sum == 0 ? (double) total / exact.length : (double) total * w / sum;
            assigned += (int) Math.floor(exact[i]);
            variants.get(i).put(Placements.WEIGHT, (int) Math.floor(exact[i]));
        }
        List<Integer> byRemainder = new ArrayList<>();
        for (int i = 0; i < exact.length; i++) {
            byRemainder.add(i);
        }
        byRemainder.sort((a, b) -> Double.compare(exact[b] - Math.floor(exact[b]), exact[a] - Math.floor(exact[a])));
        for (int k = 0; k < total - assigned; k++) {
            ObjectNode v = variants.get(byRemainder.get(k % byRemainder.size()));
            v.put(Placements.WEIGHT, v.get(Placements.WEIGHT).asInt() + 1);
        }
    }

    private static String nextName(List<String> taken) {
        for (char c = 'A'; c <= 'Z'; c++) {
            if (!taken.contains(String.valueOf(c))) {
                return String.valueOf(c);
            }
        }
        for (int i = 1; ; i++) {
            if (!taken.contains("V" + i)) {
                return "V" + i;
            }
        }
    }

    static String describe(JsonNode placement) {
        List<String> parts = new ArrayList<>();
        placement.path(Placements.VARIANTS).forEach(v -> parts.add(v.path(Placements.VARIANT).asText() + "=" + v.path(Placements.MODEL).asText()
                + (v.path(Placements.SHADOW).asBoolean(false) ? " shadow" : " " + v.path(Placements.WEIGHT).asInt() + "%")));
        return String.join(", ", parts);
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }
}
