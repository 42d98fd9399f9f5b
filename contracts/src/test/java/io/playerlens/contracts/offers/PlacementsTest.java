package io.playerlens.contracts.offers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlacementsTest {
    private static final String STORE = "{\"store\": {\"salt\": \"s\", \"default_offers\": [{\"offer_id\": \"a\", \"sku\": \"a\", \"price_cents\": 1}],"
            + " \"variants\": [%s]}}";

    @Test
    void shadowVariants_serveNoPlayers_areOutsideThe100Percent_andSurviveTheRegistration() {
        Placement store = Placements.parseDeclared(String.format(STORE, "{\"variant\": \"A\", \"model\": \"m\", \"weight\": 100},"
                + " {\"variant\": \"S\", \"model\": \"candidate\", \"shadow\": true}")).get("store").orElseThrow();
        assertThat(store.shadows()).containsExactly(new Placement.Variant("S", "candidate", 0, true));
        assertThat(store.variants()).hasSize(2);

        String registered = Placements.variantJson(store.shadows().get(0)).toString();
        assertThat(registered).isEqualTo("{\"variant\":\"S\",\"model\":\"candidate\",\"shadow\":true}");
        assertThat(Placements.parse(String.format(STORE, registered)).get("store").orElseThrow().shadows()).hasSize(1);
    }

    @Test
    void aShadowWithAWeight_isRefused() {
        assertThatThrownBy(() -> Placements.parseDeclared(String.format(STORE, "{\"variant\": \"A\", \"model\": \"m\", \"weight\": 100},"
                + " {\"variant\": \"S\", \"model\": \"candidate\", \"shadow\": true, \"weight\": 10}")))
                .hasMessageContaining("a shadow variant is {\"variant\", \"model\", \"shadow\": true} and serves no players (no weight, or 0)");
    }
}
