package io.playerlens.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.playerlens.contracts.event.ServerEventTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Dedupe and erasure with Flink's operator harness: what is dropped, what counts again, what a checkpoint holds. */
class DedupeAndErasureTest {
    private static final Duration WINDOW = Duration.ofHours(24);
    private static final long START = 1_000_000L;

    private static KeyedOneInputStreamOperatorTestHarness<String, PlayerEvent, PlayerEvent> harness(
            KeyedProcessFunction<String, PlayerEvent, PlayerEvent> function, OperatorSubtaskState restoreFrom) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(function), PlayerEvent::playerKey, Types.STRING);
        harness.setStateTtlProcessingTime(START);
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
        harness.setProcessingTime(START);
        return harness;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, PlayerEvent, PlayerEvent> dedupe(OperatorSubtaskState restoreFrom)
            throws Exception {
        return dedupe(DedupeLayout.MAP, restoreFrom);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, PlayerEvent, PlayerEvent> dedupe(DedupeLayout layout,
            OperatorSubtaskState restoreFrom) throws Exception {
        return harness(new DedupeAndErasure(WINDOW, Duration.ofDays(400), layout), restoreFrom);
    }

    /** Both clocks a test harness keeps: state TTL's (map layout) and the timers' (compact layout). */
    private static void clocksAt(KeyedOneInputStreamOperatorTestHarness<String, PlayerEvent, PlayerEvent> h, long millis) throws Exception {
        h.setStateTtlProcessingTime(millis);
        h.setProcessingTime(millis);
    }

    private static PlayerEvent event(String player, String eventId, long receivedAt) {
        PlayerEvent e = new PlayerEvent();
        e.eventId = eventId;
        e.playerId = player;
        e.gameId = "space-race";
        e.type = "level_up";
        e.ts = receivedAt;
        e.receivedAt = receivedAt;
        return e;
    }

    private static List<String> passed(KeyedOneInputStreamOperatorTestHarness<String, PlayerEvent, PlayerEvent> h) {
        List<String> ids = new ArrayList<>();
        h.extractOutputValues().forEach(e -> ids.add(e.playerId + ":" + e.eventId));
        return ids;
    }

    private static long checkpointBytes(OperatorSubtaskState state) {
        return state.getManagedKeyedState().stream().mapToLong(KeyedStateHandle::getStateSize).sum();
    }

    @ParameterizedTest
    @EnumSource(DedupeLayout.class)
    void aResentEventIsDropped_perPlayer_andTheSameIdOfAnotherPlayerCounts(DedupeLayout layout) throws Exception {
        try (var h = dedupe(layout, null)) {
            h.processElement(new StreamRecord<>(event("p-1", "evt-00000001", START), START));
            h.processElement(new StreamRecord<>(event("p-1", "evt-00000001", START + 5), START + 5));
            h.processElement(new StreamRecord<>(event("p-1", "evt-00000002", START + 6), START + 6));
            h.processElement(new StreamRecord<>(event("p-2", "evt-00000001", START + 7), START + 7));

            assertThat(passed(h)).containsExactly("p-1:evt-00000001", "p-1:evt-00000002", "p-2:evt-00000001");
        }
    }

    @ParameterizedTest
    @EnumSource(DedupeLayout.class)
    void anIdResentAfterTheWindow_countsAgain_andExpiredIdsLeaveTheCheckpoint(DedupeLayout layout) throws Exception {
        try (var h = dedupe(layout, null)) {
            for (int i = 0; i < 10_000; i++) {
                h.processElement(new StreamRecord<>(event("p-" + i % 10, "evt-" + i + "-0000", START), START));
            }
            long holding = checkpointBytes(h.snapshot(1, START));
            clocksAt(h, START + WINDOW.toMillis() - 1);
            h.processElement(new StreamRecord<>(event("p-0", "evt-0-0000", START + 1), START + 1)); // still in the window
            clocksAt(h, START + WINDOW.toMillis() + WINDOW.toMillis() / DedupeAndErasure.GENERATIONS_PER_WINDOW);
            long expired = checkpointBytes(h.snapshot(2, START + 1));
            if (layout == DedupeLayout.COMPACT) {
                assertThat(h.numKeyedStateEntries()).as("the players' state, cleared by their timers").isZero();
            }
            h.processElement(new StreamRecord<>(event("p-0", "evt-0-0000", START + 2), START + 2));

            assertThat(passed(h)).hasSize(10_001).endsWith("p-0:evt-0-0000");
            assertThat(expired).as("a checkpoint after the window (%d bytes with 10,000 ids)", holding).isLessThan(holding / 20);
        }
    }

    @Test
    void theCompactWindow_survivesACheckpoint_andTakesOverTheIdsAMapJobRemembered() throws Exception {
        OperatorSubtaskState mapJob;
        try (var h = dedupe(DedupeLayout.MAP, null)) {
            h.processElement(new StreamRecord<>(event("p-1", "evt-00000001", START), START));
            mapJob = h.snapshot(1, START);
        }
        OperatorSubtaskState compactJob;
        try (var h = dedupe(DedupeLayout.COMPACT, mapJob)) {
            h.processElement(new StreamRecord<>(event("p-1", "evt-00000001", START + 10), START + 10)); // the map's
            h.processElement(new StreamRecord<>(event("p-1", "evt-00000002", START + 11), START + 11));
            compactJob = h.snapshot(2, START + 11);
            assertThat(passed(h)).containsExactly("p-1:evt-00000002");
        }
        try (var h = dedupe(DedupeLayout.COMPACT, compactJob)) {
            h.processElement(new StreamRecord<>(event("p-1", "evt-00000002", START + 20), START + 20)); // the compact's
            h.processElement(new StreamRecord<>(event("p-1", "evt-00000003", START + 21), START + 21));
            clocksAt(h, START + WINDOW.toMillis() + WINDOW.toMillis() / DedupeAndErasure.GENERATIONS_PER_WINDOW);
            h.processElement(new StreamRecord<>(event("p-1", "evt-00000002", START + 30), START + 30)); // past the window

            assertThat(passed(h)).containsExactly("p-1:evt-00000003", "p-1:evt-00000002");
        }
    }

    @ParameterizedTest
    @EnumSource(DedupeLayout.class)
    void anErasure_forgetsThePlayersIds_andDropsWhatWasReceivedBeforeIt(DedupeLayout layout) throws Exception {
        try (var h = dedupe(layout, null)) {
            h.processElement(new StreamRecord<>(event("p-1", "evt-00000001", START), START));
            PlayerEvent erasure = event("p-1", "erase-00000001", START + 100);
            erasure.type = ServerEventTypes.PLAYER_ERASED;
            h.processElement(new StreamRecord<>(erasure, START + 100));
            h.processElement(new StreamRecord<>(event("p-1", "evt-00000002", START + 99), START + 99)); // received before it
            h.processElement(new StreamRecord<>(event("p-1", "evt-00000001", START + 200), START + 200)); // a new copy, after it

            assertThat(passed(h)).containsExactly("p-1:evt-00000001", "p-1:evt-00000001");
            assertThat(h.extractOutputValues().get(1).profileEpoch).isEqualTo(1);
            assertThat(h.getSideOutput(DedupeAndErasure.ERASURES)).hasSize(1);
        }
    }

    @Test
    void idsRememberedAsTextByAnOlderJob_stillDropTheirRetries_afterAnUpgrade() throws Exception {
        OperatorSubtaskState older;
        try (var old = harness(new OlderDedupe(), null)) {
            old.processElement(new StreamRecord<>(event("p-1", "evt-00000001", START), START));
            older = old.snapshot(1, START);
        }
        try (var h = dedupe(older)) {
            h.processElement(new StreamRecord<>(event("p-1", "evt-00000001", START + 10), START + 10));
            h.processElement(new StreamRecord<>(event("p-1", "evt-00000002", START + 11), START + 11));

            assertThat(passed(h)).containsExactly("p-1:evt-00000002");
        }
    }

    /**
     * The checkpoint cost of the window: one entry per event, the state that dominates the job's size. Fingerprints
     * (8 bytes) against the ids as text, the older job's state, for the same 10,000 UUIDs of 100 players.
     */
    @Test
    void aRememberedIdCostsLessThanHalfOfWhatItCostAsText_inACheckpoint() throws Exception {
        List<PlayerEvent> events = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            events.add(event("player-" + i % 100, UUID.randomUUID().toString(), START));
        }
        long fingerprints;
        try (var h = dedupe(null)) {
            for (PlayerEvent e : events) {
                h.processElement(new StreamRecord<>(e, START));
            }
            fingerprints = checkpointBytes(h.snapshot(1, START));
        }
        long text;
        try (var old = harness(new OlderDedupe(), null)) {
            for (PlayerEvent e : events) {
                old.processElement(new StreamRecord<>(e, START));
            }
            text = checkpointBytes(old.snapshot(1, START));
        }
        long compact;
        try (var h = dedupe(DedupeLayout.COMPACT, null)) {
            for (PlayerEvent e : events) {
                h.processElement(new StreamRecord<>(e, START));
            }
            compact = checkpointBytes(h.snapshot(1, START));
        }

        assertThat(fingerprints / 10_000.0).as("bytes per id as fingerprints (as text: %.1f)", text / 10_000.0)
                .isLessThan(text / 10_000.0 / 2);
        assertThat(compact / 10_000.0).as("bytes per id, compact (map layout: %.1f)", fingerprints / 10_000.0)
                .isLessThan(fingerprints / 10_000.0);
    }

    /** The dedupe state as jobs before fingerprints wrote it: ids as text in {@link DedupeAndErasure#LEGACY_SEEN}. */
    static final class OlderDedupe extends KeyedProcessFunction<String, PlayerEvent, PlayerEvent> {
        private transient MapState<String, Boolean> seen;

        @Override
        public void open(Configuration parameters) {
            MapStateDescriptor<String, Boolean> descriptor = new MapStateDescriptor<>(DedupeAndErasure.LEGACY_SEEN, Types.STRING, Types.BOOLEAN);
            descriptor.enableTimeToLive(StateTtl.of(WINDOW));
            seen = getRuntimeContext().getMapState(descriptor);
        }

        @Override
        public void processElement(PlayerEvent event, Context ctx, Collector<PlayerEvent> out) throws Exception {
            if (!seen.contains(event.eventId)) {
                seen.put(event.eventId, Boolean.TRUE);
                out.collect(event);
            }
        }
    }
}
