package io.playerlens.offers;

import static org.assertj.core.api.Assertions.assertThat;

import io.playerlens.contracts.offers.Placement;
import io.playerlens.contracts.offers.Placements;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlacementRegistryTest {

    @Test
    void placementSettings_andRegisteredVariants_makeOnePlacement() {
        String json = PlacementRegistry.toPlacementsJson(Map.of(
                "/playerlens/placements/store", "{\"salt\":\"s1\",\"budget_ms\":60,\"default_offers\":[{\"offer_id\":\"a\",\"sku\":\"a\",\"price_cents\":1}]}",
                "/playerlens/placements/store/variants/model-b", "{\"variant\":\"B\",\"model\":\"model-b\",\"weight\":10}",
                "/playerlens/placements/store/variants/model-a", "{\"variant\":\"A\",\"model\":\"model-a\",\"weight\":90}"));

        Placement store = Placements.parse(json).get("store").orElseThrow();
        assertThat(store.salt()).isEqualTo("s1");
        assertThat(store.variants()).extracting(Placement.Variant::model).containsExactly("model-a", "model-b");
        assertThat(store.defaultOffers()).extracting(o -> o.offerId()).containsExactly("a");
    }

    @Test
    void aRemovedModel_simplyIsNotAVariantAnyMore() {
        String json = PlacementRegistry.toPlacementsJson(Map.of(
                "/playerlens/placements/store", "{\"salt\":\"s1\",\"default_offers\":[{\"offer_id\":\"a\",\"sku\":\"a\",\"price_cents\":1}]}",
                "/playerlens/placements/store/variants/model-a", "{\"variant\":\"A\",\"model\":\"model-a\",\"weight\":100}"));
        assertThat(Placements.parse(json).get("store").orElseThrow().variants()).hasSize(1);
    }
}
