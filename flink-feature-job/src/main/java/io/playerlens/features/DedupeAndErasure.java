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
 * <p>Where the fingerprints are kept is the job's {@link DedupeLayout}: a {@code MapState} entry per id with state TTL
 * ({@link DedupeLayout#MAP}, for RocksDB, deployed) or one {@link RecentIds} per player, expired a generation at a
 * time and cleared by a processing-time timer once all of it has expired ({@link DedupeLayout#COMPACT}, for the local
 * runner's heap backend). The compact layout still consults map entries (read only), so switching a job from map to
 * compact counts no retry twice; switching back forgets the compact ids.
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

    /** How many generations of {@link RecentIds} make up the window: an id is remembered up to a sixth longer. */
    static final int GENERATIONS_PER_WINDOW = 6;

    private final Duration dedupeTtl;
    private final Duration erasureMemory;
    private final DedupeLayout layout;
    /** The compact layout's window and generation length, in ms. */
    private final long windowMillis;
    private final long generationMillis;

    /** The state of jobs before ids were fingerprinted: read, cleared on erasure, never written; it expires. */
    static final String LEGACY_SEEN = "seen-event-ids";
    static final String SEEN = "seen-event-fingerprints";
    static final String RECENT = "recent-event-fingerprints";

    private transient MapState<Long, Boolean> seen;
    private transient MapState<String, Boolean> legacySeen;
    private transient ValueState<RecentIds> recent;
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
     * @param layout how the remembered ids are kept in state
     */
    public DedupeAndErasure(Duration dedupeTtl, Duration erasureMemory, DedupeLayout layout) {
        this.dedupeTtl = dedupeTtl;
        this.erasureMemory = erasureMemory;
        this.layout = layout;
        this.windowMillis = dedupeTtl.toMillis();
        this.generationMillis = Math.max(1, windowMillis / GENERATIONS_PER_WINDOW);
    }

    @Override
    public void open(Configuration parameters) {
        MapStateDescriptor<Long, Boolean> seenDescriptor = new MapStateDescriptor<>(SEEN, Types.LONG, Types.BOOLEAN);
        seenDescriptor.enableTimeToLive(ttl(dedupeTtl));
        seen = getRuntimeContext().getMapState(seenDescriptor);
        MapStateDescriptor<String, Boolean> legacyDescriptor = new MapStateDescriptor<>(LEGACY_SEEN, Types.STRING, Types.BOOLEAN);
        legacyDescriptor.enableTimeToLive(ttl(dedupeTtl));
        legacySeen = getRuntimeContext().getMapState(legacyDescriptor);
        if (layout == DedupeLayout.COMPACT) {
            recent = getRuntimeContext().getState(new ValueStateDescriptor<>(RECENT, RecentIds.Serializer.INSTANCE));
        }
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
            if (recent != null) {
                recent.clear();
            }
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
        if (seen.contains(fingerprint) || legacySeen.contains(event.eventId) || !remember(fingerprint, ctx)) {
            duplicates.inc();
            return;
        }
        event.profileEpoch = currentEpoch;
        Long timestamp = ctx.timestamp();
        event.onTime = timestamp == null || timestamp >= ctx.timerService().currentWatermark();
        if (!event.onTime) {
            late.inc();
        }
        out.collect(event);
    }

    /** Remembers a fingerprint in the job's layout; false when it was remembered already (compact layout). */
    private boolean remember(long fingerprint, Context ctx) throws Exception {
        if (layout == DedupeLayout.MAP) {
            seen.put(fingerprint, Boolean.TRUE);
            return true;
        }
        RecentIds ids = recent.value();
        if (ids == null) {
            ids = new RecentIds();
        }
        long now = ctx.timerService().currentProcessingTime();
        long forgottenBefore = ids.allForgottenAt(windowMillis, generationMillis);
        if (!ids.addIfAbsent(fingerprint, now, windowMillis, generationMillis)) {
            return false;
        }
        recent.update(ids);
        long forgottenAt = ids.allForgottenAt(windowMillis, generationMillis);
        if (forgottenAt != forgottenBefore) { // a new generation: one timer per generation and player
            ctx.timerService().registerProcessingTimeTimer(forgottenAt);
        }
        return true;
    }

    /** Compact layout: drops the player's expired generations, and the state itself once nothing is left. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PlayerEvent> out) throws Exception {
        if (recent == null) {
            return;
        }
        RecentIds ids = recent.value();
        if (ids == null) {
            return; // erased since
        }
        ids.forgetExpired(ctx.timerService().currentProcessingTime(), windowMillis, generationMillis);
        if (ids.count() == 0) {
            recent.clear();
        } else {
            recent.update(ids);
        }
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
