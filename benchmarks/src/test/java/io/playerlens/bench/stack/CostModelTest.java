package io.playerlens.bench.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/**
 * The cost model against figures worked out by hand from the same list prices (python, component by component) for
 * one scale: 2,000 events/s in requests of 30 events packed 30 to a record at 51.7 B/event (331 B as JSON), 0.034
 * profile writes per event, 200 offers/s, 1,000 B of logs per ingest invocation and 800 B per offers invocation, a
 * 400 B decision, one million players, two models, the CDK defaults for the rest.
 */
class CostModelTest {
    private final CostModel model = CostModel.withListPrices();
    private static final CostModel.Measured M = new CostModel.Measured(2000, 30, 51.7, 30, 331, 0.034, 200, 1000, 800, 400);
    private static final CostModel.Assumptions A = CostModel.Assumptions.defaults(1_000_000, 2);

    @Test
    void eventPath_everyComponentTheCdkAppDeploys() {
        CostModel.Path events = model.monthly(M, A, false).events();
        // 5.256e9 events → 1.752e8 requests and records of 1,551 B (2 KB on Kinesis, 5 KB on Firehose).
        assertThat(events.monthly().get("api_gateway")).isCloseTo(175.20, offset(0.01));
        assertThat(events.monthly().get("ingest_lambda")).isCloseTo(81.7602, offset(0.01));
        assertThat(events.monthly().get("ingest_logs")).isCloseTo(146.7247, offset(0.01));
        assertThat(events.monthly().get("kinesis_events")).isCloseTo(87.7956, offset(0.01));
        assertThat(events.monthly().get("kinesis_quarantine")).isCloseTo(25.55, offset(0.01));
        assertThat(events.monthly().get("managed_flink")).as("parallelism 2 + the orchestration KPU").isCloseTo(250.90, offset(0.01));
        assertThat(events.monthly().get("dynamodb_writes")).isCloseTo(111.69, offset(0.01));
        assertThat(events.monthly().get("dynamodb_storage_and_pitr")).isCloseTo(0.4608, offset(0.001));
        assertThat(events.monthly().get("firehose_archive")).isCloseTo(26.0137, offset(0.01));
        assertThat(events.monthly().get("s3_archive")).as("a year of archive through the lifecycle").isCloseTo(23.2635, offset(0.01));
        assertThat(events.monthlyTotal()).isCloseTo(929.3586, offset(0.05));
        assertThat(events.perMillion()).isCloseTo(0.176819, offset(0.0001));
    }

    @Test
    void offersPath_andTheFixedCosts() {
        CostModel.Cost cost = model.monthly(M, A, false);
        assertThat(cost.offers().monthly().get("offers_logs")).isCloseTo(474.6457, offset(0.01));
        assertThat(cost.offers().monthly().get("decisions_firehose")).isCloseTo(7.8041, offset(0.01));
        assertThat(cost.offers().monthlyTotal()).isCloseTo(1376.4295, offset(0.05));
        assertThat(cost.offers().perMillion()).isCloseTo(2.618778, offset(0.0001));
        assertThat(cost.monthlyTotal()).isCloseTo(2322.5881, offset(0.05));
    }

    @Test
    void theNaiveDesign_costsMoreOnTheEventPath_andPutsDecisionsInTheStream() {
        CostModel.Cost naive = model.monthly(M, A, true);
        CostModel.Cost built = model.monthly(M, A, false);
        assertThat(naive.events().monthly().get("dynamodb_writes")).as("one write per event").isCloseTo(3285.0, offset(0.01));
        assertThat(naive.events().perMillion()).isGreaterThan(4 * built.events().perMillion());
        assertThat(naive.offers().monthly()).containsKey("decisions_stream");
        assertThat(built.offers().monthly()).doesNotContainKey("decisions_stream");
    }

    @Test
    void relayTraffic_withAWritePerPlayer_costsMorePerEvent_thanClientBatches() {
        CostModel.Measured relay = new CostModel.Measured(2000, 200, 52.1, 100, 331, 0.253, 200, 1000, 800, 400);
        assertThat(model.monthly(relay, A, false).events().monthly().get("dynamodb_writes"))
                .isGreaterThan(model.monthly(M, A, false).events().monthly().get("dynamodb_writes") * 7);
    }

    @Test
    void aShadowVariant_isOneMoreModelCallProfileReadAndDecisionPerRequest() {
        CostModel.Path without = model.monthly(M, A, false).offers();
        CostModel.Path withOne = model.monthly(M, A.withShadows(1), false).offers();
        for (String doubled : java.util.List.of("model_lambdas", "dynamodb_reads", "s3_decisions")) {
            assertThat(withOne.monthly().get(doubled)).as(doubled).isCloseTo(2 * without.monthly().get(doubled), offset(1e-6));
        }
        assertThat(withOne.monthly().get("api_gateway")).as("the game still makes one request").isEqualTo(without.monthly().get("api_gateway"));
        assertThat(withOne.monthly().get("offers_lambda")).isEqualTo(without.monthly().get("offers_lambda"));
        assertThat(withOne.perMillion()).isGreaterThan(without.perMillion());
    }
}
