package io.playerlens.infra;

import java.util.ArrayList;
import java.util.List;

/**
 * A model's deployment, derived from its folder ({@link Models}): the folder's name under {@code models/}, the
 * placements it serves with its variant name and weight (percent) in each, its latency budget and memory.
 */
public record ModelStackProps(String model, List<Registration> registrations, int latencyBudgetMillis, int memoryMb) {

    /** The model as one variant of a placement's split, or as a shadow (scored and logged, never served; weight 0). */
    public record Registration(String placement, String variant, int weight, boolean shadow) {
        public Registration(String placement, String variant, int weight) {
            this(placement, variant, weight, false);
        }
    }

    public static Builder model(String model) {
        return new Builder(model);
    }

    /** Fluent builder (no registration, 50 ms budget, 1,024 MB unless said). */
    public static final class Builder {
        private final String model;
        private final List<Registration> registrations = new ArrayList<>();
        private int latencyBudgetMillis = 50;
        private int memoryMb = 1024;

        private Builder(String model) {
            this.model = model;
        }

        public Builder register(String placement, String variant, int weight) {
            registrations.add(new Registration(placement, variant, weight));
            return this;
        }

        public Builder registerShadow(String placement, String variant) {
            registrations.add(new Registration(placement, variant, 0, true));
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
            return new ModelStackProps(model, List.copyOf(registrations), latencyBudgetMillis, memoryMb);
        }
    }
}
