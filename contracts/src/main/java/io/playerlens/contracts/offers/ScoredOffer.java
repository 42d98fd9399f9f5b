package io.playerlens.contracts.offers;

/** An offer with the score a model gave it; higher ranks first. */
public record ScoredOffer(Offer offer, double score) {
}
