package io.playerlens.features;

import io.playerlens.contracts.codec.BatchCodec;
import io.playerlens.contracts.event.PlayerKey;
import io.playerlens.contracts.metrics.MetricNames;
import io.playerlens.contracts.quarantine.QuarantineEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.OutputTag;

/**
 * The job's dead-letter path. Whatever an operator or the store refuses — a record that cannot be decoded, an event
 * that breaks the stream checks, a profile write no store can hold or the store rejects as invalid — becomes a
 * {@link QuarantineEntry} with its reason, is counted ({@value MetricNames#DEAD_LETTERS}) and goes to the quarantine
 * stream in the same record format as ingest's rejects, so it is archived and replayable like them. Infrastructure
 * faults (throttling, timeouts, the store down) are not bad data: they retry and back-pressure.
 */
public final class DeadLetters {
    /** Side output of the operators that refuse input: the entry's JSON. */
    public static final OutputTag<String> TAG = new OutputTag<>("dead-letters", Types.STRING);
    /** The metric group Managed Flink exports custom metrics from. */
    public static final String METRIC_GROUP = "kinesisanalytics";

    private DeadLetters() {
    }

    /** The {@value MetricNames#DEAD_LETTERS} counter of an operator. */
    public static Counter counter(MetricGroup operatorGroup) {
        return operatorGroup.addGroup(METRIC_GROUP).counter(MetricNames.DEAD_LETTERS);
    }

    /** One quarantine-stream record holding one entry (the stream's format: a playerlens gzip record of JSON lines). */
    public static byte[] record(String entryJson) {
        return new BatchCodec().encodeLines(List.of(entryJson.getBytes(StandardCharsets.UTF_8)));
    }

    /** The partition key of an entry's record: its player (game and id) when known, so a player's dead letters stay in order. */
    public static String partitionKey(QuarantineEntry entry) {
        PlayerKey player = PlayerKey.orNull(entry.gameId(), entry.playerId());
        return player != null ? player.value() : entry.stage();
    }
}
