package io.playerlens.contracts.offers;

/** A store offer a model can rank: its id, the SKU it sells and its price. */
public record Offer(String offerId, String sku, long priceCents) {
}
