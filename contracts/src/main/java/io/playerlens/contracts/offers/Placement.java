package io.playerlens.contracts.offers;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A placement's routing: its players split between model variants by weight, a salt that makes the split stable
 * per player (change it to reshuffle), the time budget for the model's answer, and the offers served otherwise.
 */
public final class Placement {
    private final String name;
    private final String salt;
    private final Duration budget;
    private final List<Offer> defaultOffers;
    private final List<Variant> variants;

    public Placement(String name, String salt, Duration budget, List<Offer> defaultOffers, List<Variant> variants) {
        this.name = name;
        this.salt = salt;
        this.budget = budget;
        this.defaultOffers = List.copyOf(defaultOffers);
        this.variants = List.copyOf(variants);
    }

    public String name() {
        return name;
    }

    public String salt() {
        return salt;
    }

    public Duration budget() {
        return budget;
    }

    public List<Offer> defaultOffers() {
        return defaultOffers;
    }

    /** Every variant, shadows included. */
    public List<Variant> variants() {
        return variants;
    }

    /** The shadow variants: scored and logged on every request, never served. */
    public List<Variant> shadows() {
        return variants.stream().filter(Variant::shadow).collect(java.util.stream.Collectors.toList());
    }

    /** The same placement with other variants (the registry's, on AWS). */
    public Placement withVariants(List<Variant> others) {
        return new Placement(name, salt, budget, defaultOffers, others);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Placement)) {
            return false;
        }
        Placement that = (Placement) o;
        return name.equals(that.name) && salt.equals(that.salt) && budget.equals(that.budget) && defaultOffers.equals(that.defaultOffers)
                && variants.equals(that.variants);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, salt, budget, defaultOffers, variants);
    }

    @Override
    public String toString() {
        return "Placement[name=" + name + ", salt=" + salt + ", budget=" + budget + ", defaultOffers=" + defaultOffers + ", variants="
                + variants + "]";
    }

    /**
     * One arm of the split: a variant name, the model serving it, and its share of the placement's players in percent;
     * or a shadow (weight 0): its model scores every request of the placement and its decision is logged
     * ({@code offer_served} with {@code shadow: true}), but it is never served.
     */
    public static final class Variant {
        private final String variant;
        private final String model;
        private final int weight;
        private final boolean shadow;

        public Variant(String variant, String model, int weight) {
            this(variant, model, weight, false);
        }

        public Variant(String variant, String model, int weight, boolean shadow) {
            if (shadow && weight != 0) {
                throw new IllegalArgumentException("a shadow variant serves no players: its weight is 0");
            }
            this.variant = variant;
            this.model = model;
            this.weight = weight;
            this.shadow = shadow;
        }

        public boolean shadow() {
            return shadow;
        }

        public String variant() {
            return variant;
        }

        public String model() {
            return model;
        }

        public int weight() {
            return weight;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Variant)) {
                return false;
            }
            Variant that = (Variant) o;
            return weight == that.weight && shadow == that.shadow && variant.equals(that.variant) && model.equals(that.model);
        }

        @Override
        public int hashCode() {
            return Objects.hash(variant, model, weight, shadow);
        }

        @Override
        public String toString() {
            return "Variant[variant=" + variant + ", model=" + model + ", weight=" + weight + (shadow ? ", shadow" : "") + "]";
        }
    }
}
