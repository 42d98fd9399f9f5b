package io.playerlens.models.runtime;

import io.playerlens.contracts.offers.Offer;
import java.util.List;
import java.util.Map;

/**
 * What a model gets for one request.
 *
 * @param features the player's profile features by name (Long, Double, String or null)
 * @param vector the descriptor's features in input order, missing ones filled
 * @param candidates the descriptor's offers
 */
public record ModelInput(String playerId, String placement, Map<String, Object> features, float[] vector, List<Offer> candidates) {
}
