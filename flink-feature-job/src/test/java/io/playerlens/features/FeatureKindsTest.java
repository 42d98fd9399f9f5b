package io.playerlens.features;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.junit.jupiter.api.Test;

/** Models are checked against the catalog's feature kinds; the job refuses SQL whose planner types disagree with them. */
class FeatureKindsTest {
    @Test
    void aFeatureTheCatalogReadsAsText_butThePlannerTypesAsNumber_stopsTheJob() {
        assertThatThrownBy(() -> FeaturePipeline.checkKinds("lifetime", ResolvedSchema.of(Column.physical("platform", DataTypes.BIGINT()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("feature platform of group lifetime is BIGINT for the planner but TEXT for the feature catalog");
        assertThatThrownBy(() -> FeaturePipeline.checkKinds("lifetime", ResolvedSchema.of(Column.physical("events_total", DataTypes.STRING()))))
                .hasMessageContaining("but NUMBER for the feature catalog");
    }

    @Test
    void matchingKinds_andColumnsThatAreNotFeatures_pass() {
        assertThatCode(() -> FeaturePipeline.checkKinds("lifetime", ResolvedSchema.of(Column.physical("platform", DataTypes.STRING()),
                Column.physical("events_total", DataTypes.BIGINT()), Column.physical("player_id", DataTypes.STRING()))))
                .doesNotThrowAnyException();
    }
}
