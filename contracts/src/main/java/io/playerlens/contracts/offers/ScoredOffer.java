package io.playerlens.contracts.offers;

/** An offer with the score a model gave it; higher ranks first. */
public final class ScoredOffer {
    private final Offer offer;
    private final double score;

    public ScoredOffer(Offer offer, double score) {
        this.offer = offer;
        this.score = score;
    }

    public Offer offer() {
        return offer;
    }

    public double score() {
        return score;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ScoredOffer)) {
            return false;
        }
        ScoredOffer that = (ScoredOffer) o;
        return java.util.Objects.equals(offer, that.offer) && Double.compare(score, that.score) == 0;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(offer, score);
    }

    @Override
    public String toString() {
        return "ScoredOffer[" + "offer=" + offer + ", " + "score=" + score + "]";
    }

}
