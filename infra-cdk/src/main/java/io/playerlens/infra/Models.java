package io.playerlens.infra;

import io.playerlens.contracts.offers.Placement;
import io.playerlens.models.runtime.ModelFolders;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/**
 * The deployed models, derived — never declared in Java: one {@link ModelStack} per folder under {@code models/} that
 * holds a {@code model.json} (checked at synth as {@code model check} checks it: its latency budget is the stack's), registered as
 * the variants {@code models/placements.json} routes to it (weights in percent, adding up to 100 per placement). A data
 * scientist adds a folder and a variant line, then deploys only that stack:
 * {@code ./playerlens cdk deploy PlayerlensModel-NAME}.
 */
final class Models {
    static final Path DIR = Path.of("..", "models");

    private Models() {
    }

    static void addTo(App app, StackProps env) {
        props(DIR).forEach(props -> new ModelStack(app, env, props));
    }

    /**
     * Every model folder's deployment. Synth checks each model as {@code ./playerlens model check} does — descriptor, the
     * ONNX file against it, a warm-up inference — and the placements against the models ({@link ModelFolders}).
     *
     * @throws IllegalArgumentException naming every problem: a model that fails its check, a folder named unlike its
     *     model, a variant routed to a model without a folder, or to a placement its descriptor does not list, or whose
     *     budget does not fit the placement's
     */
    static List<ModelStackProps> props(Path modelsDir) {
        ModelFolders.Check check = ModelFolders.check(modelsDir);
        if (!check.ok()) {
            throw new IllegalArgumentException("models cannot be deployed as they are (./playerlens model check lists the same): "
                    + String.join("; ", check.problems()));
        }
        Map<String, ModelStackProps.Builder> builders = new TreeMap<>();
        check.models().forEach((name, model) -> builders.put(name,
                ModelStackProps.model(name).latencyBudgetMillis((int) model.descriptor().latencyBudget().toMillis())));
        for (Placement placement : check.placements().all().values()) {
            for (Placement.Variant variant : placement.variants()) {
                if (variant.shadow()) {
                    builders.get(variant.model()).registerShadow(placement.name(), variant.variant());
                } else {
                    builders.get(variant.model()).register(placement.name(), variant.variant(), variant.weight());
                }
            }
        }
        return builders.values().stream().map(ModelStackProps.Builder::build).toList();
    }
}
