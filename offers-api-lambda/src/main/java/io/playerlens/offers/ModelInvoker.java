package io.playerlens.offers;

import io.playerlens.contracts.event.PlayerKey;
import io.playerlens.contracts.offers.ModelAnswer;
import java.time.Duration;

/**
 * Asks a model for its answer within a budget. Never throws: an unreachable, failing or slow model becomes an
 * answer with a {@link io.playerlens.contracts.offers.FallbackReason}. On AWS: the model's Lambda
 * ({@link LambdaModelInvoker}); locally: the models in process.
 */
@FunctionalInterface
public interface ModelInvoker {
    ModelAnswer invoke(String model, PlayerKey player, String placement, Duration budget);
}
