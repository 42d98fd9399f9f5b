package io.playerlens.features;

import io.playerlens.contracts.event.PlayerKey;
import io.playerlens.contracts.profile.FeatureCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

/**
 * The feature job's transformation, separate from its connectors: records in, profile writes out.
 *
 * <pre>
 * records → decode + check (many events per record) → event time + watermarks → keyBy (game, player) → dedupe / erasure / late flag
 *   → view player_events → each feature SQL file → changelog → keyBy (game, player) → merge into one item → sink
 * decode + check, merge, sink ──refused, with the reason──→ dead letters (the quarantine stream)
 * </pre>
 */
public final class FeaturePipeline {
    static final String EVENTS_VIEW = "player_events";

    private static final String[] COLUMNS = {"event_id", "player_id", "game_id", "type", "ts", "received_at", "processed_at",
        "session_id", "props", "profile_epoch", "on_time"};
    private static final TypeInformation<?>[] TYPES = {Types.STRING, Types.STRING, Types.STRING, Types.STRING, Types.LONG,
        Types.LONG, Types.LONG, Types.STRING, Types.MAP(Types.STRING, Types.STRING), Types.INT, Types.BOOLEAN};

    private FeaturePipeline() {
    }

    /**
     * Adds the pipeline to {@code tableEnv}'s environment, reading {@code records}, writing profiles to {@code sink} and
     * what it refuses ({@link DeadLetters}, quarantine entries as JSON) to {@code deadLetters}.
     */
    public static void build(StreamTableEnvironment tableEnv, DataStream<byte[]> records, Sink<ProfileWrite> sink,
                             Sink<String> deadLetters, FeatureJobSettings settings, List<FeatureGroup> groups) {
        tableEnv.getConfig().set("table.exec.state.ttl", settings.stateTtl().toMillis() + " ms");
        if (!settings.miniBatchLatency().isZero()) {
            tableEnv.getConfig().set("table.exec.mini-batch.enabled", "true");
            tableEnv.getConfig().set("table.exec.mini-batch.allow-latency", settings.miniBatchLatency().toMillis() + " ms");
            tableEnv.getConfig().set("table.exec.mini-batch.size", "5000");
        }
        tableEnv.getConfig().set("table.local-time-zone", "UTC");
        // Chained operators hand records over without a defensive copy: copying rows (props maps included) was
        // the job's largest CPU cost. Safe here: no function keeps an input it got from a chained operator.
        records.getExecutionEnvironment().getConfig().enableObjectReuse();

        SingleOutputStreamOperator<PlayerEvent> decoded = records
                .process(new RecordDecoder(), PlayerEvent.typeInformation()).name("decode and check events").uid("decode-records");
        SingleOutputStreamOperator<PlayerEvent> deduped = decoded
                .assignTimestampsAndWatermarks(WatermarkStrategy.<PlayerEvent>forBoundedOutOfOrderness(settings.maxOutOfOrderness())
                        .withTimestampAssigner((event, previous) -> event.ts)
                        .withIdleness(settings.idleness()))
                .name("event time").uid("event-time")
                .keyBy(PlayerEvent::playerKey)
                .process(new DedupeAndErasure(settings.dedupeTtl(), settings.erasureMemory(), settings.dedupeLayout()))
                .name("dedupe and erasure").uid("dedupe-and-erasure");

        DataStream<Row> rows = deduped.map(FeaturePipeline::toRow).returns(new RowTypeInfo(TYPES, COLUMNS))
                .name("to rows").uid("to-rows");
        Table events = tableEnv.fromDataStream(rows, Schema.newBuilder()
                .columnByMetadata("event_time", DataTypes.TIMESTAMP_LTZ(3), "rowtime", true)
                .watermark("event_time", "SOURCE_WATERMARK()")
                .build());
        tableEnv.createTemporaryView(EVENTS_VIEW, events);

        List<DataStream<FeatureUpdate>> updates = new ArrayList<>();
        for (FeatureGroup group : groups) {
            Table result = tableEnv.sqlQuery(group.jobSql());
            List<String> columns = result.getResolvedSchema().getColumnNames();
            if (!columns.containsAll(GroupRowToUpdate.KEY_COLUMNS)) {
                throw new IllegalArgumentException("feature group " + group.name() + " must return " + GroupRowToUpdate.KEY_COLUMNS
                        + " (and group by them: a player is a game's player); it returns " + columns);
            }
            if (group.tiled() != null && (!columns.contains(GroupRowToUpdate.TILE) || !columns.containsAll(group.tiled().columns()))) {
                throw new IllegalArgumentException("windowed feature group " + group.name() + " must return " + GroupRowToUpdate.TILE
                        + " and the columns its windows sum " + group.tiled().columns() + "; it returns " + columns);
            }
            checkKinds(group.name(), result.getResolvedSchema());
            updates.add(tableEnv.toChangelogStream(result)
                    .flatMap(new GroupRowToUpdate(group.name(), columns)).returns(Types.POJO(FeatureUpdate.class))
                    .name("features: " + group.name()).uid("features-" + group.name()));
        }
        updates.add(deduped.getSideOutput(DedupeAndErasure.ERASURES).map(FeaturePipeline::erasure)
                .returns(Types.POJO(FeatureUpdate.class)).name("erasures").uid("erasures"));

        DataStream<FeatureUpdate> all = updates.get(0);
        for (DataStream<FeatureUpdate> more : updates.subList(1, updates.size())) {
            all = all.union(more);
        }
        SingleOutputStreamOperator<ProfileWrite> profiles = all.keyBy(FeatureUpdate::playerKey)
                .process(new ProfileAssembler(settings.stateTtl(), settings.writeCoalesce(), tiledGroups(groups)))
                .name("assemble profile").uid("assemble-profile");
        profiles.sinkTo(sink).name("profiles").uid("profiles-sink");
        decoded.getSideOutput(DeadLetters.TAG).union(profiles.getSideOutput(DeadLetters.TAG))
                .sinkTo(deadLetters).name("dead letters").uid("dead-letters-sink");
    }

    /**
     * Models are checked against {@link FeatureCatalog#kinds()}, read from the SQL text; the planner's resolved types
     * are the truth, so a feature whose kind the catalog reads wrongly stops the job here, at build time.
     */
    static void checkKinds(String group, org.apache.flink.table.catalog.ResolvedSchema schema) {
        for (org.apache.flink.table.catalog.Column column : schema.getColumns()) {
            FeatureCatalog.Kind declared = FeatureCatalog.kinds().get(column.getName());
            if (declared == null) {
                continue;
            }
            boolean text = column.getDataType().getLogicalType().is(org.apache.flink.table.types.logical.LogicalTypeFamily.CHARACTER_STRING);
            if (text != (declared == FeatureCatalog.Kind.TEXT)) {
                throw new IllegalArgumentException("feature " + column.getName() + " of group " + group + " is " + column.getDataType()
                        + " for the planner but " + declared + " for the feature catalog (read from its SQL expression); write it so the"
                        + " expression shows its type, e.g. CAST(... AS STRING) or CAST(... AS DOUBLE)");
            }
        }
    }

    static Map<String, io.playerlens.contracts.profile.TiledGroup> tiledGroups(List<FeatureGroup> groups) {
        Map<String, io.playerlens.contracts.profile.TiledGroup> tiled = new java.util.HashMap<>();
        groups.stream().filter(g -> g.tiled() != null).forEach(g -> tiled.put(g.name(), g.tiled()));
        return tiled;
    }

    static Row toRow(PlayerEvent e) {
        return Row.of(e.eventId, e.playerId, e.gameId, e.type, e.ts, e.receivedAt, e.processedAt, e.sessionId,
                e.props == null ? Map.of() : e.props, e.profileEpoch, e.onTime);
    }

    static FeatureUpdate erasure(PlayerEvent e) {
        FeatureUpdate update = new FeatureUpdate();
        update.group = FeatureUpdate.ERASURE;
        update.playerId = e.playerId;
        update.gameId = e.gameId;
        update.profileEpoch = e.profileEpoch;
        update.receivedAt = e.receivedAt;
        update.featuresJson = "{}";
        return update;
    }
}
