package io.playerlens.offers;

import io.playerlens.contracts.offers.Offer;
import java.time.Duration;
import java.util.List;

/**
 * A placement's routing: its players split between model variants by weight, a salt that makes the split stable
 * per player (change it to reshuffle), the time budget for the model's answer, and the offers served otherwise.
 */
public record Placement(String name, String salt, Duration budget, List<Offer> defaultOffers, List<Variant> variants) {

    /** One arm of the split. */
    public record Variant(String variant, String model, int weight) {
    }
}
