package io.playerlens.features;

import io.playerlens.contracts.event.ErasureRule;
import io.playerlens.contracts.event.ServerEventTypes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Per player (keyed by game and player id, {@link io.playerlens.contracts.event.PlayerKey}): drops events already seen
 * ({@code event_id} kept for a TTL, default 24 hours), applies erasures, and flags events that arrived behind the
 * watermark.
 *
 * <p>An id is remembered as 64 bits of its SHA-256 ({@link #fingerprint}), not as text: 8 bytes where an id has up
 * to 64 characters, which makes the state — almost all of it this operator's, one entry per event for the dedupe
 * window — less than half as large in checkpoints and cheaper to snapshot (see docs/features.md, state size). Two ids
 * of one player collide with probability about n²/2⁶⁵ for n ids in the window (10⁻¹⁰ for a player sending 100,000
 * events a day); a collision drops that player's own event as a duplicate, nobody else's.
 *
 * <p>Checkpoints taken before ids were fingerprinted hold them as text ({@link #LEGACY_SEEN}); a job restored from one
 * keeps consulting that state, read only, until its entries expire (one dedupe window after the upgrade), so an
 * upgrade does not count a retry twice.
 *
 * <p>An erasure ({@link ServerEventTypes#PLAYER_ERASED}, on the player's shard) forgets the player's seen ids,
 * remembers that nothing the platform received before it may count again ({@link ErasureRule}: by server receipt
 * time, so an event received before the erasure but read after it is dropped, and a client clock changes nothing),
 * increases the player's profile epoch — every feature group groups by it, so counting restarts from zero —
 * and is forwarded on {@link #ERASURES} so the profile item is deleted.
 */
public class DedupeAndErasure extends KeyedProcessFunction<String, PlayerEvent, PlayerEvent> {
    public static final OutputTag<PlayerEvent> ERASURES = new OutputTag<>("erasures", PlayerEvent.typeInformation());

    private final Duration dedupeTtl;
    private final Duration erasureMemory;

    /** The state of jobs before ids were fingerprinted: read, cleared on erasure, never written; it expires. */
    static final String LEGACY_SEEN = "seen-event-ids";
    static final String SEEN = "seen-event-fingerprints";

    private transient MapState<Long, Boolean> seen;
    private transient MapState<String, Boolean> legacySeen;
    private transient MessageDigest sha256;
    private transient ValueState<Long> erasedBefore;
    private transient ValueState<Integer> epoch;
    private transient Counter duplicates;
    private transient Counter late;
    private transient Counter erasedDropped;
    private transient Counter serverEvents;

    /**
     * @param dedupeTtl how long an event id is remembered
     * @param erasureMemory how long an erasure keeps refusing events from before it
     */
    public DedupeAndErasure(Duration dedupeTtl, Duration erasureMemory) {
        this.dedupeTtl = dedupeTtl;
        this.erasureMemory = erasureMemory;
    }

    @Override
    public void open(Configuration parameters) {
        MapStateDescriptor<Long, Boolean> seenDescriptor = new MapStateDescriptor<>(SEEN, Types.LONG, Types.BOOLEAN);
        seenDescriptor.enableTimeToLive(ttl(dedupeTtl));
        seen = getRuntimeContext().getMapState(seenDescriptor);
        MapStateDescriptor<String, Boolean> legacyDescriptor = new MapStateDescriptor<>(LEGACY_SEEN, Types.STRING, Types.BOOLEAN);
        legacyDescriptor.enableTimeToLive(ttl(dedupeTtl));
        legacySeen = getRuntimeContext().getMapState(legacyDescriptor);
        sha256 = sha256();
        ValueStateDescriptor<Long> erasedDescriptor = new ValueStateDescriptor<>("erased-before", Types.LONG);
        erasedDescriptor.enableTimeToLive(ttl(erasureMemory));
        erasedBefore = getRuntimeContext().getState(erasedDescriptor);
        ValueStateDescriptor<Integer> epochDescriptor = new ValueStateDescriptor<>("profile-epoch", Types.INT);
        epochDescriptor.enableTimeToLive(ttl(erasureMemory));
        epoch = getRuntimeContext().getState(epochDescriptor);
        duplicates = getRuntimeContext().getMetricGroup().counter("DuplicateEvents");
        late = getRuntimeContext().getMetricGroup().counter("LateEvents");
        erasedDropped = getRuntimeContext().getMetricGroup().counter("EventsBeforeErasureDropped");
        serverEvents = getRuntimeContext().getMetricGroup().counter("ServerEventsNotCounted");
    }

    private static StateTtlConfig ttl(Duration duration) {
        return StateTtl.of(duration);
    }

    @Override
    public void processElement(PlayerEvent event, Context ctx, Collector<PlayerEvent> out) throws Exception {
        int currentEpoch = epoch.value() == null ? 0 : epoch.value();
        if (ServerEventTypes.PLAYER_ERASED.equals(event.type)) {
            seen.clear();
            legacySeen.clear();
            Long before = erasedBefore.value();
            erasedBefore.update(before == null ? event.receivedAt : Math.max(before, event.receivedAt));
            epoch.update(currentEpoch + 1);
            event.profileEpoch = currentEpoch + 1;
            ctx.output(ERASURES, event);
            return;
        }
        if (ServerEventTypes.OFFER_SERVED.equals(event.type)) {
            serverEvents.inc(); // the platform's own log of decisions, not player activity
            return;
        }
        Long before = erasedBefore.value();
        if (before != null && ErasureRule.erases(before, event.receivedAt)) {
            erasedDropped.inc();
            return;
        }
        long fingerprint = fingerprint(sha256, event.eventId);
        if (seen.contains(fingerprint) || legacySeen.contains(event.eventId)) {
            duplicates.inc();
            return;
        }
        seen.put(fingerprint, Boolean.TRUE);
        event.profileEpoch = currentEpoch;
        Long timestamp = ctx.timestamp();
        event.onTime = timestamp == null || timestamp >= ctx.timerService().currentWatermark();
        if (!event.onTime) {
            late.inc();
        }
        out.collect(event);
    }

    /** The first 64 bits of the SHA-256 of the id's UTF-8 bytes: what the dedupe state remembers of an event id. */
    static long fingerprint(MessageDigest sha256, String eventId) {
        return ByteBuffer.wrap(sha256.digest(eventId.getBytes(StandardCharsets.UTF_8))).getLong();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
