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
import io.playerlens.contracts.event.EventValidator;
import io.playerlens.contracts.event.ValidationResult;
import io.playerlens.contracts.quarantine.QuarantineEntry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one Kinesis record (a batch) into one {@link PlayerEvent} per event, with the contracts codec, and checks
 * every event again with the contract's stream checks ({@link EventValidator#validateStreamEvent}): a record written
 * by an older ingest, a replay or another producer cannot bring a value no feature or store can hold. A record that
 * cannot be decoded, a line that is not JSON and an event that breaks the checks each go to the dead letters
 * ({@link DeadLetters}) with the reason; the record's other events go on.
 */
public class RecordDecoder extends ProcessFunction<byte[], PlayerEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(RecordDecoder.class);

    private transient EventValidator validator;
    private transient Counter decoded;
    private transient Counter deadLetters;

    @Override
    public void open(Configuration parameters) {
        validator = EventValidator.forStream();
        decoded = getRuntimeContext().getMetricGroup().counter("EventsDecoded");
        deadLetters = DeadLetters.counter(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(byte[] record, Context ctx, Collector<PlayerEvent> out) {
        long processedAt = System.currentTimeMillis();
        List<byte[]> lines;
        try {
            lines = BatchCodec.decodeLines(record);
        } catch (CorruptRecordException e) {
            deadLetter(ctx, QuarantineEntry.undecodableRecord(record, "the record cannot be decoded: " + e.getMessage(), processedAt));
            return;
        }
        for (byte[] line : lines) {
            try {
                JsonNode json = BatchCodec.parse(line);
                ValidationResult result = validator.validateStreamEvent(json);
                if (result instanceof ValidationResult.Rejected) {
                    deadLetter(ctx, QuarantineEntry.refusedEvent(json, ((ValidationResult.Rejected) result).error(), processedAt));
                    continue;
                }
                PlayerEvent event = toPlayerEvent(((ValidationResult.Accepted) result).event());
                event.processedAt = processedAt;
                out.collect(event);
                decoded.inc();
            } catch (CorruptRecordException e) {
                deadLetter(ctx, QuarantineEntry.undecodableRecord(line, e.getMessage(), processedAt));
            } catch (RuntimeException e) {
                // A bug, not bad data; still one event must not stop every player's features.
                LOG.error("unexpected error decoding an event; sent to the dead letters", e);
                deadLetter(ctx, QuarantineEntry.undecodableRecord(line, "unexpected error decoding the event: " + e, processedAt));
            }
        }
    }

    private void deadLetter(Context ctx, QuarantineEntry entry) {
        if (deadLetters != null) {
            deadLetters.inc();
        }
        LOG.warn("dead letter ({}): {}", entry.stage(), entry.error());
        ctx.output(DeadLetters.TAG, entry.toJson().toString());
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
