package io.playerlens.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.playerlens.contracts.profile.FeatureCatalog;
import io.playerlens.contracts.profile.TiledGroup;
import io.playerlens.contracts.profile.Tiles;
import io.playerlens.contracts.quarantine.QuarantineEntry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    /** spend_24h as the contracts define it: 5-minute tiles, 24-hour windows. */
    private static final TiledGroup SPEND = FeatureCatalog.tiledGroups().get("spend_24h");
    /** The tile holding the harness's processing time. */
    private static final long NOW_TILE = BEGINNING / 300_000;

    private static KeyedOneInputStreamOperatorTestHarness<String, FeatureUpdate, ProfileWrite> harness() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, FeatureUpdate, ProfileWrite> harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ProfileAssembler(Duration.ofDays(1), Duration.ofMillis(10), Map.of("spend_24h", SPEND))),
                FeatureUpdate::playerKey, Types.STRING);
        harness.getExecutionConfig().disableGenericTypes();
        harness.open();
        harness.setProcessingTime(BEGINNING);
        return harness;
    }

    private static FeatureUpdate update(String group, int epoch, long tile, String features) {
        FeatureUpdate u = new FeatureUpdate();
        u.group = group;
        u.playerId = "p-1";
        u.gameId = "g";
        u.profileEpoch = epoch;
        u.tile = tile;
        u.receivedAt = 7;
        u.featuresJson = features;
        return u;
    }

    private static List<ProfileWrite> writes(KeyedOneInputStreamOperatorTestHarness<String, FeatureUpdate, ProfileWrite> h) {
        return h.extractOutputValues();
    }

    private static Map<String, Object> windowedAt(ProfileWrite write, long asOf) {
        return Tiles.windowed(SPEND, write.toRecord().tiles().get("spend_24h"), asOf);
    }

    @Test
    void theSamePlayerIdInTwoGames_isTwoProfiles_eachWrittenUnderItsGame() throws Exception {
        var h = harness();
        FeatureUpdate inA = update("lifetime", 0, -1, "{\"events_total\":1}");
        inA.gameId = "game-a";
        FeatureUpdate inB = update("lifetime", 0, -1, "{\"events_total\":40}");
        inB.gameId = "game-b";
        h.processElement(new StreamRecord<>(inA));
        h.processElement(new StreamRecord<>(inB));
        h.setProcessingTime(TEN_MS_LATER);

        assertThat(writes(h)).extracting(w -> w.gameId + "/" + w.playerId + " " + w.featuresJson)
                .containsExactlyInAnyOrder("game-a/p-1 {\"events_total\":1}", "game-b/p-1 {\"events_total\":40}");
    }

    @Test
    void changesWithinTheCoalescingWindow_becomeOneWrite_withEveryGroupMerged_tilesIncluded() throws Exception {
        var h = harness();
        h.processElement(new StreamRecord<>(update("lifetime", 0, -1, "{\"events_total\":1}")));
        h.processElement(new StreamRecord<>(update("lifetime", 0, -1, "{\"events_total\":2}")));
        h.setProcessingTime(FIVE_MS_LATER);
        h.processElement(new StreamRecord<>(update("spend_24h", 0, NOW_TILE, "{\"purchases\":1,\"spend_cents\":499}")));
        assertThat(writes(h)).isEmpty();

        h.setProcessingTime(TEN_MS_LATER);

        assertThat(writes(h)).as("the tile row joins the pending write: no wait for a watermark").hasSize(1);
        assertThat(writes(h).get(0).featuresJson).isEqualTo("{\"events_total\":2}");
        assertThat(windowedAt(writes(h).get(0), TEN_MS_LATER)).containsEntry("purchases_24h", 1L).containsEntry("spend_24h_cents", 499L);
        assertThat(h.numProcessingTimeTimers()).isZero();
    }

    @Test
    void aTileRow_replacesTheSameTile_andAddsToTheOthers() throws Exception {
        var h = harness();
        h.processElement(new StreamRecord<>(update("spend_24h", 0, NOW_TILE - 1, "{\"purchases\":1,\"spend_cents\":100}")));
        h.processElement(new StreamRecord<>(update("spend_24h", 0, NOW_TILE, "{\"purchases\":1,\"spend_cents\":200}")));
        h.processElement(new StreamRecord<>(update("spend_24h", 0, NOW_TILE, "{\"purchases\":2,\"spend_cents\":700}")));
        h.setProcessingTime(TEN_MS_LATER);

        assertThat(windowedAt(writes(h).get(0), TEN_MS_LATER)).containsEntry("purchases_24h", 3L).containsEntry("spend_24h_cents", 800L);
    }

    @Test
    void aTileNoWindowCanReadAnyMore_isDroppedAndCounted_andExpiredTilesLeaveStateAndItem() throws Exception {
        var h = harness();
        long dayOfTiles = 24 * 12;
        h.setProcessingTime(BEGINNING + Duration.ofDays(2).toMillis());
        long now = h.getProcessingTime();
        long nowTile = now / 300_000;
        h.processElement(new StreamRecord<>(update("spend_24h", 0, nowTile - dayOfTiles - 1, "{\"purchases\":1,\"spend_cents\":5}")));
        h.setProcessingTime(now + 10);
        assertThat(writes(h)).as("an event older than the longest window: nothing to write").isEmpty();

        h.processElement(new StreamRecord<>(update("spend_24h", 0, nowTile - dayOfTiles + 1, "{\"purchases\":1,\"spend_cents\":10}")));
        h.processElement(new StreamRecord<>(update("spend_24h", 0, nowTile, "{\"purchases\":1,\"spend_cents\":20}")));
        h.setProcessingTime(now + 20);
        assertThat(writes(h)).hasSize(1);
        assertThat(writes(h).get(0).toRecord().tiles().get("spend_24h").tiles()).hasSize(2);

        // Three tiles later the older tile has left every window: the next write prunes it from state and item.
        h.setProcessingTime(now + 3 * 300_000);
        h.processElement(new StreamRecord<>(update("lifetime", 0, -1, "{\"events_total\":9}")));
        h.setProcessingTime(now + 3 * 300_000 + 10);
        assertThat(writes(h)).hasSize(2);
        assertThat(writes(h).get(1).toRecord().tiles().get("spend_24h").tiles()).containsOnlyKeys(nowTile);
        assertThat(windowedAt(writes(h).get(1), h.getProcessingTime())).containsEntry("spend_24h_cents", 20L);
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
