package io.playerlens.offers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playerlens.contracts.offers.Offer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The placements routing, read from JSON ({@code models/placements.json}, or {@code PLACEMENTS_JSON} on AWS). */
public final class Placements {
    private final Map<String, Placement> byName;

    private Placements(Map<String, Placement> byName) {
        this.byName = Map.copyOf(byName);
    }

    public Optional<Placement> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Map<String, Placement> all() {
        return byName;
    }

    /** @throws IllegalArgumentException naming every mistake */
    public static Placements parse(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("placements are not valid JSON: " + e.getMessage().split("\n")[0]);
        }
        List<String> problems = new ArrayList<>();
        Map<String, Placement> placements = new LinkedHashMap<>();
        root.fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            if (name.startsWith("_")) {
                return;
            }
            JsonNode p = entry.getValue();
            List<Offer> defaults = new ArrayList<>();
            p.path("default_offers").forEach(o -> defaults.add(new Offer(o.path("offer_id").asText(), o.path("sku").asText(),
                    o.path("price_cents").asLong())));
            if (defaults.isEmpty()) {
                problems.add(name + ": default_offers must list at least one offer");
            }
            List<Placement.Variant> variants = new ArrayList<>();
            p.path("variants").forEach(v -> variants.add(new Placement.Variant(v.path("variant").asText(), v.path("model").asText(),
                    v.path("weight").asInt(-1))));
            // No variant yet is legitimate (a fresh deployment before any model stack): the placement serves its defaults.
            for (Placement.Variant v : variants) {
                if (v.weight() < 0 || v.model().isEmpty() || v.variant().isEmpty()) {
                    problems.add(name + ": every variant needs a variant name, a model and a weight >= 0");
                }
            }
            int budget = p.path("budget_ms").asInt(100);
            placements.put(name, new Placement(name, p.path("salt").asText(name), Duration.ofMillis(budget), List.copyOf(defaults),
                    List.copyOf(variants)));
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid placements: " + String.join("; ", problems));
        }
        return new Placements(placements);
    }
}
