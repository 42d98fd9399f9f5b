package io.playerlens.bench.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/**
 * The cost model against figures computed by hand (independently, from the same list prices) for two scales.
 * Scale A: 2,000 events/s in batches of 50 (45.4 B/event compressed, 376 B as JSON), 200 offers/s, 5,000 events/s per KPU.
 * Scale B: 200 events/s in batches of 10 (78.9 B/event), 20 offers/s.
 */
class CostModelTest {
    private final CostModel model = CostModel.withListPrices();
    private static final CostModel.Scale A = new CostModel.Scale(2000, 50, 45.4, 376, 200, 5000);
    private static final CostModel.Scale B = new CostModel.Scale(200, 10, 78.9, 376, 20, 5000);

    @Test
    void scaleA_packed() {
        // 5.256e9 events/month → 1.0512e8 requests; records of 2,270 B → 3 KB on Kinesis, 5 KB on Firehose; 1 write per batch.
        CostModel.Cost cost = model.monthly(A, true);
        assertThat(cost.monthlyByComponent().get("api_gateway")).isCloseTo(630.72, offset(0.01));
        assertThat(cost.monthlyByComponent().get("kinesis")).isCloseTo(110.0686, offset(0.01));
        assertThat(cost.monthlyByComponent().get("dynamodb")).isCloseTo(131.40, offset(0.01));
        assertThat(cost.monthlyByComponent().get("managed_flink")).isCloseTo(165.60, offset(0.01));
        assertThat(cost.monthlyByComponent().get("firehose")).isCloseTo(15.6082, offset(0.01));
        assertThat(cost.monthlyTotal()).isCloseTo(1416.2937, offset(0.05));
        assertThat(cost.perMillionEvents()).isCloseTo(0.269462, offset(0.0001));
    }

    @Test
    void scaleA_naive_oneRecordAndOneWritePerEvent() {
        CostModel.Cost cost = model.monthly(A, false);
        assertThat(cost.monthlyByComponent().get("kinesis")).isCloseTo(919.543, offset(0.01));
        assertThat(cost.monthlyByComponent().get("dynamodb")).isCloseTo(3350.70, offset(0.01));
        assertThat(cost.monthlyByComponent().get("firehose")).isCloseTo(780.4109, offset(0.01));
        assertThat(cost.monthlyTotal()).isCloseTo(6249.8364, offset(0.05));
        assertThat(cost.perMillionEvents()).isCloseTo(1.189086, offset(0.0001));
    }

    @Test
    void scaleB_packed_andNaive() {
        assertThat(model.monthly(B, true).monthlyTotal()).isCloseTo(438.4695, offset(0.05));
        assertThat(model.monthly(B, true).perMillionEvents()).isCloseTo(0.834227, offset(0.0001));
        assertThat(model.monthly(B, false).monthlyTotal()).isCloseTo(885.4509, offset(0.05));
        assertThat(model.monthly(B, false).monthlyByComponent().get("dynamodb")).isCloseTo(335.07, offset(0.01));
    }

    @Test
    void playersAndModels_addProfileStorageAndMonitoring_onTopOfTraffic() {
        CostModel.Scale withState = new CostModel.Scale(2000, 50, 45.4, 376, 200, 5000, 2_000_000, 3);
        CostModel.Cost cost = model.monthly(withState, true);
        // 2M profiles of 1 KB = 2.048 GB at $0.25; 4 dashboards at $3 and 6 alarms at $0.10.
        assertThat(cost.monthlyByComponent().get("dynamodb_storage")).isCloseTo(0.512, offset(0.001));
        assertThat(cost.monthlyByComponent().get("cloudwatch")).isCloseTo(12.60, offset(0.001));
        assertThat(cost.monthlyTotal()).isCloseTo(1416.2937 + 0.512 + 12.60, offset(0.05));
    }
}
