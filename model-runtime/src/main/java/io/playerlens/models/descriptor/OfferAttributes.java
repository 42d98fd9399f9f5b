package io.playerlens.models.descriptor;

import io.playerlens.contracts.offers.Offer;
import io.playerlens.contracts.profile.FeatureCatalog;
import java.util.List;

/** The attributes of a candidate offer a per-offer model can read ({@code {"offer": "price_cents"}} in model.json). */
public final class OfferAttributes {
    public static final List<String> NAMES = List.of("offer_id", "sku", "price_cents");

    private OfferAttributes() {
    }

    public static FeatureCatalog.Kind kind(String attribute) {
        return switch (attribute) {
            case "offer_id", "sku" -> FeatureCatalog.Kind.TEXT;
            case "price_cents" -> FeatureCatalog.Kind.NUMBER;
            default -> throw new IllegalArgumentException("not an offer attribute: " + attribute + "; known: " + NAMES);
        };
    }

    public static Object value(Offer offer, String attribute) {
        return switch (attribute) {
            case "offer_id" -> offer.offerId();
            case "sku" -> offer.sku();
            case "price_cents" -> offer.priceCents();
            default -> throw new IllegalArgumentException("not an offer attribute: " + attribute + "; known: " + NAMES);
        };
    }
}
