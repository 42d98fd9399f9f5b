package io.playerlens.contracts.offers;

/** A store offer a model can rank: its id, the SKU it sells and its price. */
public final class Offer {
    private final String offerId;
    private final String sku;
    private final long priceCents;

    public Offer(String offerId, String sku, long priceCents) {
        this.offerId = offerId;
        this.sku = sku;
        this.priceCents = priceCents;
    }

    public String offerId() {
        return offerId;
    }

    public String sku() {
        return sku;
    }

    public long priceCents() {
        return priceCents;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Offer)) {
            return false;
        }
        Offer that = (Offer) o;
        return java.util.Objects.equals(offerId, that.offerId) && java.util.Objects.equals(sku, that.sku) && priceCents == that.priceCents;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(offerId, sku, priceCents);
    }

    @Override
    public String toString() {
        return "Offer[" + "offerId=" + offerId + ", " + "sku=" + sku + ", " + "priceCents=" + priceCents + "]";
    }

}
