package io.playerlens.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.playerlens.contracts.profile.FeatureCatalog;
import org.junit.jupiter.api.Test;

class FeatureCatalogTest {
    @Test
    void catalog_listsEveryPublicFeature_fromTheSqlFiles() {
        assertThat(FeatureCatalog.names()).containsExactlyInAnyOrder("events_total", "sessions_total", "purchases_total",
                "spend_total_cents", "level_max", "playtime_s", "coins_balance", "first_seen", "last_seen", "platform", "country",
                "purchases_24h", "spend_24h_cents", "sessions_7d");
    }
}
