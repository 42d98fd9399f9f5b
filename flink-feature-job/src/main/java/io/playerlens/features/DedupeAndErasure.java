package io.playerlens.features;

import io.playerlens.contracts.event.ErasureRule;
import io.playerlens.contracts.event.ServerEventTypes;
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

    private transient MapState<String, Boolean> seen;
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
        MapStateDescriptor<String, Boolean> seenDescriptor = new MapStateDescriptor<>("seen-event-ids", Types.STRING, Types.BOOLEAN);
        seenDescriptor.enableTimeToLive(ttl(dedupeTtl));
        seen = getRuntimeContext().getMapState(seenDescriptor);
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
        if (seen.contains(event.eventId)) {
            duplicates.inc();
            return;
        }
        seen.put(event.eventId, Boolean.TRUE);
        event.profileEpoch = currentEpoch;
        Long timestamp = ctx.timestamp();
        event.onTime = timestamp == null || timestamp >= ctx.timerService().currentWatermark();
        if (!event.onTime) {
            late.inc();
        }
        out.collect(event);
    }
}
