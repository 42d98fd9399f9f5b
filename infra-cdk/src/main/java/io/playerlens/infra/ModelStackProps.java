package io.playerlens.infra;

/**
 * What a data scientist says about a model's deployment: the model folder's name (under {@code models/}), the
 * placement it serves, its variant name and traffic weight there, and its latency budget.
 */
public record ModelStackProps(String model, String placement, String variant, int weight, int latencyBudgetMillis, int memoryMb) {

    public static Builder model(String model) {
        return new Builder(model);
    }

    /** Fluent builder with sensible defaults (placement store, weight 100, 50 ms budget, 1,024 MB). */
    public static final class Builder {
        private final String model;
        private String placement = "store";
        private String variant;
        private int weight = 100;
        private int latencyBudgetMillis = 50;
        private int memoryMb = 1024;

        private Builder(String model) {
            this.model = model;
            this.variant = model;
        }

        public Builder placement(String placement) {
            this.placement = placement;
            return this;
        }

        public Builder variant(String variant) {
            this.variant = variant;
            return this;
        }

        public Builder weight(int weight) {
            this.weight = weight;
            return this;
        }

        public Builder latencyBudgetMillis(int millis) {
            this.latencyBudgetMillis = millis;
            return this;
        }

        public Builder memoryMb(int memoryMb) {
            this.memoryMb = memoryMb;
            return this;
        }

        public ModelStackProps build() {
            return new ModelStackProps(model, placement, variant, weight, latencyBudgetMillis, memoryMb);
        }
    }
}
