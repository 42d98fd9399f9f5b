package io.playerlens.infra;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.offers.PlacementParameters;
import io.playerlens.contracts.offers.Placements;
import java.nio.file.Path;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

/**
 * Each placement's settings (salt, budget, default offers) from {@code models/placements.json}, published for the
 * offers API. The variants are not published here: on AWS each model stack registers its own ({@link Models}).
 */
final class PlacementSettings {
    private PlacementSettings() {
    }

    /** Each placement's settings without its variants: what the core stack publishes and the offers Lambda starts with. */
    static ObjectNode settings(Path modelsDir) {
        return Placements.readDeclared(modelsDir).toJson(false);
    }

    /** One SSM parameter per placement, at the path the offers API's registry reads. */
    static void publish(Construct scope, ObjectNode settings) {
        settings.fields().forEachRemaining(entry -> StringParameter.Builder.create(scope, "Placement-" + entry.getKey())
                .parameterName(PlacementParameters.placement(entry.getKey())).stringValue(entry.getValue().toString()).build());
    }
}
