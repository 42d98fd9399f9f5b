package io.playerlens.contracts.offers;

/**
 * The SSM registry of placements on AWS: the core stack writes each placement's settings, each model stack
 * registers its variant; the offers API reads the whole path. Names shared by infra-cdk and the offers API.
 */
public final class PlacementParameters {
    public static final String ROOT = "/playerlens/placements";

    private PlacementParameters() {
    }

    /** {@code {"salt", "budget_ms", "default_offers"}} of a placement. */
    public static String placement(String placement) {
        return ROOT + "/" + placement;
    }

    /** {@code {"variant", "model", "weight"}} of a model serving a placement. */
    public static String variant(String placement, String model) {
        return ROOT + "/" + placement + "/variants/" + model;
    }
}
