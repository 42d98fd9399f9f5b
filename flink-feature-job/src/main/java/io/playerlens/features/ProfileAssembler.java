package io.playerlens.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.event.PlayerKey;
import io.playerlens.contracts.profile.TileSet;
import io.playerlens.contracts.profile.TiledGroup;
import io.playerlens.contracts.profile.Tiles;
import io.playerlens.contracts.quarantine.QuarantineEntry;
import io.playerlens.store.ProfileItemCodec;
import io.playerlens.store.UnstorableProfileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges the feature groups of one player into the one profile item the sink writes, so two queries never
 * write the same item. Keeps each aggregate group's latest row and each windowed group's tiles (one row per tile,
 * {@link Tiles}), drops rows of an older profile epoch (from before an erasure), and turns an erasure into a delete.
 *
 * <p>Tiles update with every event, with no watermark wait, so a windowed feature is as fresh as the others; a tile
 * row for a tile no window can read any more (an event older than the longest window) is dropped and counted
 * ({@code LateTileRowsDropped}), and expired tiles are pruned from the state and the item at each write, which keeps
 * the item bounded.
 *
 * <p>Writes dominate cost, so they are coalesced: the first change arms a processing-time timer
 * ({@code coalesce}); changes until it fires join the same write, and a write whose content equals the last
 * one written is skipped.
 *
 * <p>Every write is checked against the store's rules first ({@link ProfileItemCodec#encode}); one the store cannot
 * hold goes to the dead letters with the reason instead of failing the sink (and the job) on it.
 */
public class ProfileAssembler extends KeyedProcessFunction<String, FeatureUpdate, ProfileWrite> {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(ProfileAssembler.class);

    private final Duration stateTtl;
    private final Duration coalesce;
    private final Map<String, TiledGroup> tiled;

    private transient ValueState<Integer> epoch;
    private transient MapState<String, FeatureUpdate> groups;
    private transient ValueState<Long> pendingTimer;
    private transient ValueState<String> lastWritten;
    private transient Counter stale;
    private transient Counter skipped;
    private transient Counter deadLetters;
    private transient Counter lateTiles;

    /** @param tiled the windowed groups by name (their tile size and windows) */
    public ProfileAssembler(Duration stateTtl, Duration coalesce, Map<String, TiledGroup> tiled) {
        this.stateTtl = stateTtl;
        this.coalesce = coalesce;
        this.tiled = new java.util.HashMap<>(tiled);
    }

    @Override
    public void open(Configuration parameters) {
        StateTtlConfig ttl = StateTtl.of(stateTtl);
        ValueStateDescriptor<Integer> epochDescriptor = new ValueStateDescriptor<>("profile-epoch", Types.INT);
        epochDescriptor.enableTimeToLive(ttl);
        epoch = getRuntimeContext().getState(epochDescriptor);
        MapStateDescriptor<String, FeatureUpdate> groupsDescriptor =
                new MapStateDescriptor<>("latest-row-per-group", Types.STRING, Types.POJO(FeatureUpdate.class));
        groupsDescriptor.enableTimeToLive(ttl);
        groups = getRuntimeContext().getMapState(groupsDescriptor);
        pendingTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("pending-write-timer", Types.LONG));
        ValueStateDescriptor<String> lastDescriptor = new ValueStateDescriptor<>("last-written-features", Types.STRING);
        lastDescriptor.enableTimeToLive(ttl);
        lastWritten = getRuntimeContext().getState(lastDescriptor);
        stale = getRuntimeContext().getMetricGroup().counter("StaleEpochRowsDropped");
        skipped = getRuntimeContext().getMetricGroup().counter("UnchangedProfileWritesSkipped");
        deadLetters = DeadLetters.counter(getRuntimeContext().getMetricGroup());
        lateTiles = getRuntimeContext().getMetricGroup().counter("LateTileRowsDropped");
    }

    @Override
    public void processElement(FeatureUpdate update, Context ctx, Collector<ProfileWrite> out) throws Exception {
        int current = epoch.value() == null ? 0 : epoch.value();
        if (update.profileEpoch < current) {
            stale.inc();
            return;
        }
        if (update.profileEpoch > current || update.isErasure()) {
            groups.clear();
            epoch.update(update.profileEpoch);
        }
        if (update.isErasure()) {
            Long timer = pendingTimer.value();
            if (timer != null) {
                ctx.timerService().deleteProcessingTimeTimer(timer);
                pendingTimer.clear();
            }
            lastWritten.clear();
            ProfileWrite delete = new ProfileWrite();
            delete.playerId = update.playerId;
            delete.gameId = update.gameId;
            delete.delete = true;
            delete.profileEpoch = update.profileEpoch;
            delete.receivedAt = update.receivedAt; // when the platform received the erasure
            delete.updatedAt = ctx.timerService().currentProcessingTime();
            out.collect(delete);
            return;
        }
        TiledGroup group = tiled.get(update.group);
        if (group != null) {
            if (update.tile < 0 || Tiles.expired(update.tile, group, ctx.timerService().currentProcessingTime())) {
                lateTiles.inc(); // an event older than the group's longest window: no read can count it
                return;
            }
            groups.put(tileKey(update.group, update.tile), update);
        } else {
            groups.put(update.group, update);
        }
        Duration delay = coalesce;
        if (delay.isZero()) {
            writeIfChanged(ctx, out);
            return;
        }
        long at = ctx.timerService().currentProcessingTime() + delay.toMillis();
        Long pending = pendingTimer.value();
        if (pending == null || at < pending) {
            if (pending != null) {
                ctx.timerService().deleteProcessingTimeTimer(pending);
            }
            ctx.timerService().registerProcessingTimeTimer(at);
            pendingTimer.update(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ProfileWrite> out) throws Exception {
        pendingTimer.clear();
        writeIfChanged(ctx, out);
    }

    private void writeIfChanged(Context ctx, Collector<ProfileWrite> out) throws Exception {
        if (groups.isEmpty()) {
            return;
        }
        int current = epoch.value() == null ? 0 : epoch.value();
        ProfileWrite write = merge(ctx.getCurrentKey(), current, ctx.timerService().currentProcessingTime());
        String content = write.featuresJson + write.tilesJson;
        if (content.equals(lastWritten.value())) {
            skipped.inc();
            return;
        }
        try {
            // The store's rules, checked before the sink: a value it cannot hold is a dead letter, not a failed job.
            ProfileItemCodec.encode(write.toRecord(), stateTtl);
        } catch (UnstorableProfileException e) {
            deadLetters.inc();
            LOG.warn("profile write of player {} refused: {}", write.playerId, e.getMessage());
            ctx.output(DeadLetters.TAG, QuarantineEntry.refusedProfileWrite(write.gameId, write.playerId,
                    ProfileItemCodec.describe(write.toRecord()), "the profile store cannot hold this write: " + e.getMessage(),
                    write.updatedAt).toJson().toString());
            return;
        }
        lastWritten.update(content);
        out.collect(write);
    }

    /** The state key of one tile of a windowed group. */
    static String tileKey(String group, long tile) {
        return group + "@" + tile;
    }

    private ProfileWrite merge(String stateKey, int profileEpoch, long now) throws Exception {
        PlayerKey player = PlayerKey.parse(stateKey);
        ObjectNode features = MAPPER.createObjectNode();
        Map<String, TreeMap<Long, double[]>> tiles = new TreeMap<>();
        long receivedAt = -1;
        long processedAt = -1;
        Map<String, FeatureUpdate> sorted = new TreeMap<>();
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, FeatureUpdate> entry : groups.entries()) {
            FeatureUpdate row = entry.getValue();
            TiledGroup group = tiled.get(row.group);
            if (group != null && Tiles.expired(row.tile, group, now)) {
                expired.add(entry.getKey());
                continue;
            }
            sorted.put(entry.getKey(), row);
        }
        for (String key : expired) {
            groups.remove(key);
        }
        for (FeatureUpdate row : sorted.values()) {
            JsonNode values = MAPPER.readTree(row.featuresJson);
            TiledGroup group = tiled.get(row.group);
            if (group != null) {
                List<String> columns = group.columns();
                double[] tile = new double[columns.size()];
                for (int i = 0; i < columns.size(); i++) {
                    tile[i] = values.path(columns.get(i)).asDouble(0);
                }
                tiles.computeIfAbsent(row.group, g -> new TreeMap<>()).put(row.tile, tile);
            } else {
                values.fields().forEachRemaining(f -> features.set(f.getKey(), f.getValue()));
            }
            receivedAt = Math.max(receivedAt, row.receivedAt);
            processedAt = Math.max(processedAt, row.processedAt);
        }
        ObjectNode tileText = MAPPER.createObjectNode();
        tiles.forEach((name, set) -> tileText.put(name, Tiles.encode(new TileSet(tiled.get(name).columns(), set))));
        ProfileWrite write = new ProfileWrite();
        write.playerId = player.playerId();
        write.gameId = player.gameId();
        write.profileEpoch = profileEpoch;
        write.featuresJson = features.toString();
        write.tilesJson = tiles.isEmpty() ? null : tileText.toString();
        write.receivedAt = receivedAt;
        write.processedAt = processedAt;
        write.updatedAt = now;
        return write;
    }
}
