package io.playerlens.features;

import com.fasterxml.jackson.databind.JsonNode;
import io.playerlens.contracts.quarantine.QuarantineEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/** Runs the pipeline to completion on a bounded list of records in the MiniCluster; returns the last write per player. */
final class PipelineRun {
    private PipelineRun() {
    }

    /** What a run wrote: the last write per player, and every dead letter (quarantine entries). */
    record Output(Map<String, ProfileWrite> profiles, List<QuarantineEntry> deadLetters) {
    }

    static Map<String, ProfileWrite> run(List<byte[]> records, FeatureJobSettings settings, int parallelism) throws Exception {
        return runWithDeadLetters(records, settings, parallelism).profiles();
    }

    static Output runWithDeadLetters(List<byte[]> records, FeatureJobSettings settings, int parallelism) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        env.getConfig().disableGenericTypes();
        CollectingSink<ProfileWrite> sink = new CollectingSink<>(UUID.randomUUID().toString());
        CollectingSink<String> deadLetters = new CollectingSink<>(UUID.randomUUID().toString());
        FeaturePipeline.build(StreamTableEnvironment.create(env),
                env.fromData(records, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO), sink, deadLetters, settings, FeatureGroup.loadAll());
        env.execute("feature-pipeline-test");
        Map<String, ProfileWrite> last = new LinkedHashMap<>();
        for (ProfileWrite write : sink.writes()) {
            last.put(write.playerId, write);
        }
        List<QuarantineEntry> dead = new java.util.ArrayList<>();
        for (String entry : deadLetters.writes()) {
            dead.add(QuarantineEntry.fromJson(Events.MAPPER.readTree(entry)));
        }
        return new Output(last, dead);
    }

    static JsonNode features(ProfileWrite write) throws Exception {
        return Events.MAPPER.readTree(write.featuresJson);
    }

    /** The windowed features of a written profile as of {@code asOf}, as every reader computes them from its tiles. */
    static java.util.Map<String, Object> windowed(ProfileWrite write, long asOf) {
        java.util.Map<String, Object> features = new java.util.TreeMap<>();
        var tiles = write.toRecord().tiles();
        io.playerlens.contracts.profile.FeatureCatalog.tiledGroups().forEach((name, group) ->
                features.putAll(io.playerlens.contracts.profile.Tiles.windowed(group, tiles.get(name), asOf)));
        return features;
    }
}
