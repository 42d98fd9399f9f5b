package io.playerlens.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.offers.PlacementParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

/**
 * Each placement's settings (salt, budget, default offers) from {@code models/placements.json}, published for the
 * offers API. The variants are not taken from the file: on AWS each model stack registers its own.
 */
final class PlacementSettings {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PlacementSettings() {
    }

    /** Each placement's settings without its variants: what the core stack publishes and the offers Lambda starts with. */
    static ObjectNode settings(Path file) {
        JsonNode placements;
        try {
            placements = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath().normalize(), e);
        }
        ObjectNode settings = MAPPER.createObjectNode();
        placements.fields().forEachRemaining(entry -> {
            if (!entry.getKey().startsWith("_")) {
                ObjectNode placement = ((ObjectNode) entry.getValue()).deepCopy();
                placement.remove("variants");
                settings.set(entry.getKey(), placement);
            }
        });
        return settings;
    }

    /** One SSM parameter per placement, at the path the offers API's registry reads. */
    static void publish(Construct scope, ObjectNode settings) {
        settings.fields().forEachRemaining(entry -> StringParameter.Builder.create(scope, "Placement-" + entry.getKey())
                .parameterName(PlacementParameters.placement(entry.getKey())).stringValue(entry.getValue().toString()).build());
    }
}
