package io.playerlens.models.runtime;

import io.playerlens.contracts.offers.ScoredOffer;
import java.util.List;

/**
 * A model that scores offers for a player: implement this for rules and heuristics (descriptor {@code "type":
 * "java"}, {@code "class": "your.Class"}, public no-arg constructor). ONNX models need no Java. The platform sorts by
 * score and keeps the descriptor's top-k; a model that throws or overruns its latency budget falls back to the
 * placement's default offers.
 */
public interface OfferModel {
    List<ScoredOffer> score(ModelInput input) throws Exception;
}
