package io.playerlens.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/**
 * The deployed models: one line per model (its folder under {@code models/}, placement, variant, weight, budget).
 * A data scientist adds a model here and deploys only its stack: {@code ./playerlens cdk deploy PlayerlensModel-NAME}.
 */
final class Models {
    private Models() {
    }

    static void addTo(App app, StackProps env) {
        new ModelStack(app, env, ModelStackProps.model("starter-heuristic").placement("store").variant("A").weight(50)
                .latencyBudgetMillis(20).build());
        new ModelStack(app, env, ModelStackProps.model("store-logreg").placement("store").variant("B").weight(50)
                .latencyBudgetMillis(50).build());
    }
}
