package io.playerlens.contracts.offers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The one JSON mapping of an offer, {@code {"offer_id", "sku", "price_cents"}} (plus {@code "score"} when ranked):
 * in a model's descriptor and answer, a placement's defaults and the offers API's response.
 */
public final class OfferJson {
    public static final String OFFER_ID = "offer_id";
    public static final String SKU = "sku";
    public static final String PRICE_CENTS = "price_cents";
    public static final String SCORE = "score";

    private OfferJson() {
    }

    public static ObjectNode write(Offer offer) {
        return JsonNodeFactory.instance.objectNode().put(OFFER_ID, offer.offerId()).put(SKU, offer.sku()).put(PRICE_CENTS, offer.priceCents());
    }

    public static ObjectNode write(ScoredOffer offer) {
        return write(offer.offer()).put(SCORE, offer.score());
    }

    public static ArrayNode writeScored(List<ScoredOffer> offers) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        offers.forEach(o -> array.add(write(o)));
        return array;
    }

    /** An answer's offer as written by {@link #write(ScoredOffer)} (lenient: a missing field reads as empty or 0). */
    public static ScoredOffer readScored(JsonNode node) {
        return new ScoredOffer(new Offer(node.path(OFFER_ID).asText(), node.path(SKU).asText(), node.path(PRICE_CENTS).asLong()),
                node.path(SCORE).asDouble());
    }

    /**
     * A list of offers a person wrote (a descriptor's {@code offers}, a placement's {@code default_offers}), checked:
     * each needs an {@code offer_id} and a {@code sku}, a {@code price_cents} integer >= 0, and no id twice.
     * Every mistake goes to {@code problems}, prefixed with {@code where}; the valid offers are returned.
     */
    public static List<Offer> readList(JsonNode array, String where, List<String> problems) {
        List<Offer> offers = new ArrayList<>();
        if (array == null || !array.isArray() || array.isEmpty()) {
            problems.add(where + " must be a non-empty list of {\"" + OFFER_ID + "\", \"" + SKU + "\", \"" + PRICE_CENTS + "\"}");
            return offers;
        }
        Set<String> ids = new HashSet<>();
        for (JsonNode o : array) {
            String id = o.path(OFFER_ID).isTextual() ? o.get(OFFER_ID).asText() : "";
            if (id.isBlank() || !o.path(SKU).isTextual() || o.get(SKU).asText().isBlank()) {
                problems.add(where + ": every offer needs an " + OFFER_ID + " and a " + SKU + " (strings)");
                continue;
            }
            JsonNode price = o.path(PRICE_CENTS);
            if (!price.isIntegralNumber() || !price.canConvertToLong() || price.asLong() < 0) {
                problems.add(where + ": " + PRICE_CENTS + " of " + id + " must be an integer >= 0");
                continue;
            }
            if (!ids.add(id)) {
                problems.add(where + ": " + OFFER_ID + " " + id + " is listed twice");
                continue;
            }
            offers.add(new Offer(id, o.get(SKU).asText(), price.asLong()));
        }
        return offers;
    }
}
