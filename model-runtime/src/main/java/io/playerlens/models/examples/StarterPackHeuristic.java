package io.playerlens.models.examples;

import io.playerlens.contracts.offers.Offer;
import io.playerlens.contracts.offers.ScoredOffer;
import io.playerlens.models.runtime.ModelInput;
import io.playerlens.models.runtime.OfferModel;
import java.util.ArrayList;
import java.util.List;

/**
 * A rules model, the Java way to write one: players who never paid see the starter pack first, players low on
 * coins see coin packs, payers see bundles priced near what they spend.
 */
public final class StarterPackHeuristic implements OfferModel {

    @Override
    public List<ScoredOffer> score(ModelInput input) {
        long purchases = number(input, "purchases_total");
        long spend = number(input, "spend_total_cents");
        long coins = number(input, "coins_balance");
        long averageBasket = purchases == 0 ? 0 : spend / purchases;
        List<ScoredOffer> scored = new ArrayList<>();
        for (Offer offer : input.candidates()) {
            double score;
            if (purchases == 0) {
                score = offer.offerId().contains("starter") ? 1.0 : 1.0 / (1 + offer.priceCents() / 100.0);
            } else {
                double priceFit = 1.0 / (1 + Math.abs(offer.priceCents() - averageBasket) / 500.0);
                score = offer.offerId().contains("starter") ? 0.05 : priceFit;
            }
            if (coins < 100 && offer.offerId().contains("coin")) {
                score += 0.5;
            }
            scored.add(new ScoredOffer(offer, score));
        }
        return scored;
    }

    private static long number(ModelInput input, String feature) {
        return input.features().get(feature) instanceof Number n ? n.longValue() : 0;
    }
}
