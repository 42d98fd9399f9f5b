package io.playerlens.offers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.offers.Placements;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Placements as deployed on AWS: the core stack writes each placement's settings to SSM at
 * {@code <root>/<placement>} and each model stack registers its variant at {@code <root>/<placement>/variants/<model>}.
 * This class turns those parameters into the JSON {@link Placements#parse} reads, so a model deploys (or is removed)
 * without touching the core stack. The parameter names are the contract with {@code infra-cdk}.
 */
public final class PlacementRegistry {
    public static final String ROOT = io.playerlens.contracts.offers.PlacementParameters.ROOT;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PlacementRegistry() {
    }

    /** @param parameters SSM parameter name → value, as GetParametersByPath(ROOT, recursive) returns them */
    public static String toPlacementsJson(Map<String, String> parameters) {
        Map<String, ObjectNode> placements = new TreeMap<>();
        try {
            for (Map.Entry<String, String> p : new TreeMap<>(parameters).entrySet()) {
                String[] parts = p.getKey().substring(ROOT.length() + 1).split("/");
                ObjectNode placement = placements.computeIfAbsent(parts[0], k -> MAPPER.createObjectNode());
                JsonNode value = MAPPER.readTree(p.getValue());
                if (parts.length == 1) {
                    value.fields().forEachRemaining(f -> placement.set(f.getKey(), f.getValue()));
                } else if (parts.length == 3 && parts[1].equals("variants")) {
                    ArrayNode variants = placement.has("variants") ? (ArrayNode) placement.get("variants") : placement.putArray("variants");
                    variants.add(value);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a placement parameter is not JSON", e);
        }
        ObjectNode all = MAPPER.createObjectNode();
        placements.forEach(all::set);
        return all.toString();
    }
}
