package io.playerlens.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.playerlens.contracts.profile.FeatureCatalog;
import org.junit.jupiter.api.Test;

class FeatureCatalogTest {
    @Test
    void catalog_listsEveryPublicFeature_fromTheSqlFiles() {
        assertThat(FeatureCatalog.names()).containsExactlyInAnyOrder("events_total", "sessions_total", "purchases_total",
                "spend_total_cents", "level_max", "playtime_s", "coins_balance", "first_seen", "last_seen", "platform", "country",
                "purchases_24h", "spend_24h_cents", "sessions_7d", "events_1h", "ads_watched_1h");
    }

    @Test
    void windowedGroups_comeFromTheTilesFiles_withTheirTileAndWindows() {
        assertThat(FeatureCatalog.tiledGroups()).containsOnlyKeys("activity_1h", "sessions_7d", "spend_24h");
        io.playerlens.contracts.profile.TiledGroup spend = FeatureCatalog.tiledGroups().get("spend_24h");
        assertThat(spend.tileMillis()).isEqualTo(300_000);
        assertThat(spend.windows()).extracting(io.playerlens.contracts.profile.TiledGroup.Window::feature)
                .containsExactly("purchases_24h", "spend_24h_cents");
        assertThat(spend.maxWindowMillis()).isEqualTo(86_400_000);
        assertThat(FeatureCatalog.tiledGroups().get("sessions_7d").tileMillis()).isEqualTo(3_600_000);
    }

    @Test
    void kinds_comeFromEachExpression_textForStringExpressions() {
        assertThat(FeatureCatalog.kinds()).containsOnlyKeys(FeatureCatalog.names());
        assertThat(FeatureCatalog.kind("platform")).isEqualTo(FeatureCatalog.Kind.TEXT);
        assertThat(FeatureCatalog.kind("country")).isEqualTo(FeatureCatalog.Kind.TEXT);
        assertThat(FeatureCatalog.kinds().entrySet().stream().filter(e -> e.getValue() == FeatureCatalog.Kind.TEXT).map(java.util.Map.Entry::getKey))
                .containsExactlyInAnyOrder("platform", "country");
    }
}
