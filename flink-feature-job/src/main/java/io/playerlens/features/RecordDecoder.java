package io.playerlens.features;

import static io.playerlens.contracts.event.EventFields.EVENT_ID;
import static io.playerlens.contracts.event.EventFields.GAME_ID;
import static io.playerlens.contracts.event.EventFields.PLAYER_ID;
import static io.playerlens.contracts.event.EventFields.PROPS;
import static io.playerlens.contracts.event.EventFields.RECEIVED_AT;
import static io.playerlens.contracts.event.EventFields.SESSION_ID;
import static io.playerlens.contracts.event.EventFields.TS;
import static io.playerlens.contracts.event.EventFields.TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import io.playerlens.contracts.codec.BatchCodec;
import io.playerlens.contracts.codec.CorruptRecordException;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one Kinesis record (a batch) into one {@link PlayerEvent} per event, with the contracts codec. A record
 * that cannot be decoded is counted ({@code CorruptRecords}) and logged with its start, never silently skipped.
 */
public class RecordDecoder extends RichFlatMapFunction<byte[], PlayerEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(RecordDecoder.class);

    private transient Counter decoded;
    private transient Counter corrupt;

    @Override
    public void open(Configuration parameters) {
        decoded = getRuntimeContext().getMetricGroup().counter("EventsDecoded");
        corrupt = getRuntimeContext().getMetricGroup().counter("CorruptRecords");
    }

    @Override
    public void flatMap(byte[] record, Collector<PlayerEvent> out) {
        try {
            long processedAt = System.currentTimeMillis();
            for (JsonNode event : BatchCodec.decodeEvents(record)) {
                PlayerEvent playerEvent = toPlayerEvent(event);
                playerEvent.processedAt = processedAt;
                out.collect(playerEvent);
                if (decoded != null) {
                    decoded.inc();
                }
            }
        } catch (CorruptRecordException e) {
            if (corrupt != null) {
                corrupt.inc();
            }
            LOG.error("skipping a corrupt record of {} bytes: {}", record.length, e.getMessage());
        }
    }

    static PlayerEvent toPlayerEvent(JsonNode json) {
        PlayerEvent event = new PlayerEvent();
        event.eventId = json.path(EVENT_ID).asText();
        event.playerId = json.path(PLAYER_ID).asText();
        event.gameId = json.path(GAME_ID).asText(null);
        event.type = json.path(TYPE).asText();
        event.ts = json.path(TS).asLong();
        event.receivedAt = json.path(RECEIVED_AT).asLong();
        event.sessionId = json.hasNonNull(SESSION_ID) ? json.get(SESSION_ID).asText() : null;
        event.props = props(json.path(PROPS));
        return event;
    }

    /** Props as strings; whole numbers without a fraction, so {@code CAST(props['level'] AS BIGINT)} works for 3.0. */
    private static Map<String, String> props(JsonNode props) {
        Map<String, String> values = new HashMap<>();
        props.fields().forEachRemaining(field -> {
            JsonNode v = field.getValue();
            if (v.isNull()) {
                return;
            }
            if (v.isNumber() && !v.isIntegralNumber() && v.asDouble() == Math.rint(v.asDouble()) && Math.abs(v.asDouble()) < 9e15) {
                values.put(field.getKey(), Long.toString((long) v.asDouble()));
            } else if (v.isValueNode()) {
                values.put(field.getKey(), v.asText());
            } else {
                values.put(field.getKey(), v.toString());
            }
        });
        return values;
    }
}
