package io.playerlens.contracts.offers;

/** How model Lambdas are named and invoked: the offers API and the CDK app agree through these. */
public final class ModelFunctions {
    /** A model's Lambda is this prefix + the model name. */
    public static final String DEFAULT_PREFIX = "playerlens-model-";
    /** The alias the offers API invokes (CodeDeploy shifts it during a model's canary). */
    public static final String ALIAS = io.playerlens.contracts.config.Names.LIVE_ALIAS;

    private ModelFunctions() {
    }
}
