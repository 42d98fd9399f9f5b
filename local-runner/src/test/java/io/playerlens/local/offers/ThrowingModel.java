package io.playerlens.local.offers;

import io.playerlens.contracts.offers.ScoredOffer;
import io.playerlens.models.runtime.ModelInput;
import io.playerlens.models.runtime.OfferModel;
import java.util.List;

/** A model with a bug. */
public final class ThrowingModel implements OfferModel {
    @Override
    public List<ScoredOffer> score(ModelInput input) {
        if (input.playerId().equals("warm-up")) {
            return List.of();
        }
        throw new IllegalStateException("division by zero in feature engineering");
    }
}
