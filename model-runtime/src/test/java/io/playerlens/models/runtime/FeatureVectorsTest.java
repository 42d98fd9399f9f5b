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
    private static final ModelDescriptor DESCRIPTOR = new ModelDescriptor("m", "1", List.of("store"), ModelDescriptor.Kind.JAVA, null, "x",
            List.of(new ModelDescriptor.FeatureInput("spend_total_cents", -1, 100), new ModelDescriptor.FeatureInput("level_max", 3, 1),
                    new ModelDescriptor.FeatureInput("platform", 7, 1)),
            List.of(new Offer("a", "a", 1)), null, List.of(), 1, Duration.ofMillis(10), List.of("a"), null);

    @Test
    void features_followTheDescriptorOrder_scaled() {
        assertThat(FeatureVectors.assemble(DESCRIPTOR, Map.of("level_max", 12L, "spend_total_cents", 2500L, "platform", "ios")))
                .containsExactly(25f, 12f, 7f);
    }

    @Test
    void missingOrNullFeatures_takeTheirFillValue_unscaled() {
        Map<String, Object> features = new HashMap<>();
        features.put("level_max", null);
        assertThat(FeatureVectors.assemble(DESCRIPTOR, features)).containsExactly(-1f, 3f, 7f);
    }

    @Test
    void textFeature_takesItsFillValue() {
        assertThat(FeatureVectors.assemble(DESCRIPTOR, Map.of("platform", "android"))[2]).isEqualTo(7f);
    }
}
