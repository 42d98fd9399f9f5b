package io.playerlens.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import io.playerlens.contracts.quarantine.QuarantineEntry;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The assembler's state and timers, with Flink's operator test harness and processing time under test control. */
class ProfileAssemblerTest {
    private static final long BEGINNING = 1_000_000L;
    private static final long FIVE_MS_LATER = BEGINNING + 5;
    private static final long TEN_MS_LATER = BEGINNING + 10;

    private static KeyedOneInputStreamOperatorTestHarness<String, FeatureUpdate, ProfileWrite> harness() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, FeatureUpdate, ProfileWrite> harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ProfileAssembler(Duration.ofDays(1), Duration.ofMillis(10), Duration.ofSeconds(10))),
                u -> u.playerId, Types.STRING);
        harness.getExecutionConfig().disableGenericTypes();
        harness.open();
        harness.setProcessingTime(BEGINNING);
        return harness;
    }

    private static FeatureUpdate update(String group, int epoch, long eventTime, String features) {
        FeatureUpdate u = new FeatureUpdate();
        u.group = group;
        u.playerId = "p-1";
        u.gameId = "g";
        u.profileEpoch = epoch;
        u.eventTime = eventTime;
        u.receivedAt = 7;
        u.featuresJson = features;
        return u;
    }

    private static List<ProfileWrite> writes(KeyedOneInputStreamOperatorTestHarness<String, FeatureUpdate, ProfileWrite> h) {
        return h.extractOutputValues();
    }

    @Test
    void changesWithinTheCoalescingWindow_becomeOneWrite_withEveryGroupMerged() throws Exception {
        var h = harness();
        h.processElement(new StreamRecord<>(update("lifetime", 0, -1, "{\"events_total\":1}")));
        h.processElement(new StreamRecord<>(update("lifetime", 0, -1, "{\"events_total\":2}")));
        h.setProcessingTime(FIVE_MS_LATER);
        h.processElement(new StreamRecord<>(update("spend_24h", 0, 100, "{\"purchases_24h\":1}")));
        assertThat(writes(h)).isEmpty();
        // the windowed row joins the pending lifetime write

        h.setProcessingTime(TEN_MS_LATER);

        assertThat(writes(h)).hasSize(1);
        assertThat(writes(h).get(0).featuresJson).isEqualTo("{\"events_total\":2,\"purchases_24h\":1}");
        assertThat(h.numProcessingTimeTimers()).isZero();
    }

    @Test
    void aWindowedChangeAlone_waitsForTheWindowedDelay_butJoinsAnEarlierLifetimeWrite() throws Exception {
        var h = harness();
        h.processElement(new StreamRecord<>(update("spend_24h", 0, 100, "{\"purchases_24h\":1}")));
        h.setProcessingTime(TEN_MS_LATER);
        assertThat(writes(h)).isEmpty();

        h.processElement(new StreamRecord<>(update("lifetime", 0, -1, "{\"events_total\":5}")));
        h.setProcessingTime(TEN_MS_LATER + 10);
        assertThat(writes(h)).hasSize(1);
        assertThat(writes(h).get(0).featuresJson).isEqualTo("{\"events_total\":5,\"purchases_24h\":1}");

        h.processElement(new StreamRecord<>(update("spend_24h", 0, 200, "{\"purchases_24h\":2}")));
        h.setProcessingTime(TEN_MS_LATER + 10 + 9_999);
        assertThat(writes(h)).hasSize(1);
        h.setProcessingTime(TEN_MS_LATER + 10 + 10_000);
        assertThat(writes(h)).hasSize(2);
        assertThat(h.numProcessingTimeTimers()).isZero();
    }

    @Test
    void aWriteThatChangesNothing_isSkipped() throws Exception {
        var h = harness();
        h.processElement(new StreamRecord<>(update("lifetime", 0, -1, "{\"events_total\":1}")));
        h.setProcessingTime(TEN_MS_LATER);
        h.processElement(new StreamRecord<>(update("lifetime", 0, -1, "{\"events_total\":1}")));
        h.setProcessingTime(TEN_MS_LATER + 10);

        assertThat(writes(h)).hasSize(1);
    }

    @Test
    void anOlderWindowedRow_doesNotReplaceANewerOne() throws Exception {
        var h = harness();
        h.processElement(new StreamRecord<>(update("spend_24h", 0, 200, "{\"purchases_24h\":2}")));
        h.processElement(new StreamRecord<>(update("spend_24h", 0, 100, "{\"purchases_24h\":1}")));
        h.setProcessingTime(BEGINNING + 10_000);

        assertThat(writes(h).get(0).featuresJson).isEqualTo("{\"purchases_24h\":2}");
    }

    @Test
    void erasure_deletesAtOnce_cancelsThePendingWrite_andDropsRowsOfTheOldEpoch() throws Exception {
        var h = harness();
        h.processElement(new StreamRecord<>(update("lifetime", 0, -1, "{\"events_total\":3}")));
        FeatureUpdate erasure = update(FeatureUpdate.ERASURE, 1, -1, "{}");
        h.processElement(new StreamRecord<>(erasure));
        h.processElement(new StreamRecord<>(update("lifetime", 0, -1, "{\"events_total\":4}")));
        h.setProcessingTime(TEN_MS_LATER);

        assertThat(writes(h)).hasSize(1);
        assertThat(writes(h).get(0).delete).isTrue();
        assertThat(h.numProcessingTimeTimers()).isZero();

        h.processElement(new StreamRecord<>(update("lifetime", 1, -1, "{\"events_total\":1}")));
        h.setProcessingTime(TEN_MS_LATER + 10);
        assertThat(writes(h)).hasSize(2);
        assertThat(writes(h).get(1).profileEpoch).isEqualTo(1);
        assertThat(writes(h).get(1).featuresJson).isEqualTo("{\"events_total\":1}");
    }

    @Test
    void aWriteTheStoreCannotHold_isADeadLetter_notAWrite_andTheNextStorableOneIsWritten() throws Exception {
        var h = harness();
        h.processElement(new StreamRecord<>(update("lifetime", 0, -1, "{\"events_total\":1,\"coins_balance\":1e200}")));
        h.setProcessingTime(TEN_MS_LATER);

        assertThat(writes(h)).isEmpty();
        var deadLetters = h.getSideOutput(DeadLetters.TAG);
        assertThat(deadLetters).hasSize(1);
        QuarantineEntry entry = QuarantineEntry.fromJson(Events.MAPPER.readTree(deadLetters.peek().getValue()));
        assertThat(entry.stage()).isEqualTo(QuarantineEntry.STAGE_PROFILE_WRITE);
        assertThat(entry.playerId()).isEqualTo("p-1");
        assertThat(entry.error()).isEqualTo("the profile store cannot hold this write: features.coins_balance is 1E+200, "
                + "larger in magnitude than DynamoDB's 1E+126");
        assertThat(entry.item().get("features").get("events_total").asLong()).isEqualTo(1);

        h.processElement(new StreamRecord<>(update("lifetime", 0, -1, "{\"events_total\":2,\"coins_balance\":5.5}")));
        h.setProcessingTime(TEN_MS_LATER + 10);
        assertThat(writes(h)).hasSize(1);
        assertThat(writes(h).get(0).featuresJson).isEqualTo("{\"events_total\":2,\"coins_balance\":5.5}");
        assertThat(h.numProcessingTimeTimers()).isZero();
    }
}
