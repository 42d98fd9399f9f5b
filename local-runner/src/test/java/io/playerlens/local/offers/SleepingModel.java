package io.playerlens.local.offers;

import io.playerlens.contracts.offers.ScoredOffer;
import io.playerlens.models.runtime.ModelInput;
import io.playerlens.models.runtime.OfferModel;
import java.util.List;

/** A model far slower than its budget. */
public final class SleepingModel implements OfferModel {
    @Override
    public List<ScoredOffer> score(ModelInput input) throws InterruptedException {
        if (!input.playerId().equals("warm-up")) {
            Thread.sleep(2_000);
        }
        return List.of();
    }
}
