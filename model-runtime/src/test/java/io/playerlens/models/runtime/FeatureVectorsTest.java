package io.playerlens.models.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.playerlens.contracts.offers.Offer;
import io.playerlens.models.descriptor.ModelDescriptor;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureVectorsTest {
    private static final ModelDescriptor DESCRIPTOR = new ModelDescriptor("m", "1", List.of("store"), ModelDescriptor.Kind.JAVA, null, java.util.Map.of(), "x",
            List.of(ModelDescriptor.FeatureInput.profile("spend_total_cents", -1, 100), ModelDescriptor.FeatureInput.profile("level_max", 3, 1),
                    new ModelDescriptor.FeatureInput("platform", ModelDescriptor.Source.PROFILE, null, Double.NaN, "unknown", 1),
                    new ModelDescriptor.FeatureInput("price_cents", ModelDescriptor.Source.OFFER, null, Double.NaN, null, 100)),
            List.of(new Offer("a", "a", 1)), null, 1, Duration.ofMillis(10), List.of("a"), null);

    @Test
    void features_followTheDescriptorOrder_scaled() {
        assertThat(FeatureVectors.assemble(DESCRIPTOR, Map.of("level_max", 12L, "spend_total_cents", 2500L, "platform", "ios")))
                .containsExactly(25f, 12f, Float.NaN);
    }

    @Test
    void missingOrNullFeatures_takeTheirFillValue_unscaled() {
        Map<String, Object> features = new HashMap<>();
        features.put("level_max", null);
        assertThat(FeatureVectors.assemble(DESCRIPTOR, features)).containsExactly(-1f, 3f, Float.NaN);
    }

    @Test
    void values_keepText_fillAbsentText_andReadTheCandidateOffer() {
        assertThat(FeatureVectors.values(DESCRIPTOR, Map.of("platform", "android", "level_max", 2L), new Offer("a", "a", 499)))
                .containsExactly(-1.0, 2.0, "android", 4.99);
        assertThat(FeatureVectors.values(DESCRIPTOR, Map.of("platform", 42L), new Offer("a", "a", 99))[2])
                .as("a stored value of the wrong type is absent").isEqualTo("unknown");
    }
}
