package io.playerlens.contracts.event;

import static io.playerlens.contracts.event.EventFields.EVENT_ID;
import static io.playerlens.contracts.event.EventFields.GAME_ID;
import static io.playerlens.contracts.event.EventFields.PLAYER_ID;
import static io.playerlens.contracts.event.EventFields.PROPS;
import static io.playerlens.contracts.event.EventFields.RECEIVED_AT;
import static io.playerlens.contracts.event.EventFields.SESSION_ID;
import static io.playerlens.contracts.event.EventFields.TS;
import static io.playerlens.contracts.event.EventFields.TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks one client event against the contract and turns it into the canonical stream form. Every
 * refusal names the field and the rule, so a game developer can fix the client from the message alone.
 */
public final class EventValidator {
    public static final int MAX_SESSION_ID_LENGTH = 128;
    /** Events are small; a bigger one is almost always a client bug (a dump of state in props). */
    public static final int MAX_EVENT_BYTES = 64 * 1024;
    /** Epoch seconds sent as millis land in 1970; nothing real happened before this instant. */
    public static final Instant EARLIEST_TS = Instant.parse("2000-01-01T00:00:00Z");

    private static final Pattern EVENT_ID_PATTERN = Pattern.compile("[A-Za-z0-9._:-]{8,64}");
    private static final Pattern PLAYER_ID_PATTERN = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    /** The rule for a player id, as stated to clients. */
    public static final String PLAYER_ID_RULE = "player_id must be a string of 1-64 characters of [A-Za-z0-9._:-]";
    private static final Set<String> CLIENT_FIELDS = Set.of(EVENT_ID, PLAYER_ID, TYPE, TS, SESSION_ID, PROPS);
    private static final Set<String> SERVER_FIELDS = Set.of(GAME_ID, RECEIVED_AT);

    private final EventCatalog catalog;
    private final Duration maxFutureSkew;

    public EventValidator(EventCatalog catalog, Duration maxFutureSkew) {
        this.catalog = catalog;
        this.maxFutureSkew = maxFutureSkew;
    }

    /**
     * @param raw the event as the client sent it
     * @param serializedBytes its size in bytes as received (for the size rule)
     * @param gameId stamped on the accepted event
     * @param receivedAtMillis stamped on the accepted event; also "now" for the future-skew rule
     */
    public ValidationResult validate(JsonNode raw, int serializedBytes, String gameId, long receivedAtMillis) {
        if (raw == null || !raw.isObject()) {
            return reject("event must be a JSON object");
        }
        if (serializedBytes > MAX_EVENT_BYTES) {
            return reject("event is " + serializedBytes + " bytes; at most " + MAX_EVENT_BYTES + " bytes per event");
        }
        for (Iterator<String> names = raw.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (SERVER_FIELDS.contains(name)) {
                return reject(name + " is set by the server; remove it from the event");
            }
            if (!CLIENT_FIELDS.contains(name)) {
                return reject("unknown field '" + name + "'; put custom data in props");
            }
        }

        JsonNode eventId = raw.get(EVENT_ID);
        if (eventId == null || eventId.isNull()) {
            return reject("event_id is required");
        }
        if (!eventId.isTextual() || !EVENT_ID_PATTERN.matcher(eventId.asText()).matches()) {
            return reject("event_id must be a string of 8-64 characters of [A-Za-z0-9._:-] (a UUID fits)");
        }

        JsonNode playerId = raw.get(PLAYER_ID);
        if (playerId == null || playerId.isNull()) {
            return reject("player_id is required");
        }
        if (!playerId.isTextual() || !PLAYER_ID_PATTERN.matcher(playerId.asText()).matches()) {
            return reject(PLAYER_ID_RULE);
        }

        JsonNode typeNode = raw.get(TYPE);
        if (typeNode == null || typeNode.isNull()) {
            return reject("type is required");
        }
        if (!typeNode.isTextual()) {
            return reject("type must be a string");
        }
        EventType type = catalog.type(typeNode.asText()).orElse(null);
        if (type == null) {
            return reject("type '" + typeNode.asText() + "' is not in the event catalog; known types: "
                    + String.join(", ", catalog.typeNames()));
        }

        JsonNode tsNode = raw.get(TS);
        if (tsNode == null || tsNode.isNull()) {
            return reject("ts is required");
        }
        OptionalLong ts = EventTimestamps.toEpochMillis(tsNode);
        if (ts.isEmpty()) {
            return reject("ts must be ISO-8601 with a zone offset (e.g. 2026-11-26T07:30:00.123Z) or epoch milliseconds");
        }
        if (ts.getAsLong() < EARLIEST_TS.toEpochMilli()) {
            return reject("ts " + tsNode.asText() + " is before " + EARLIEST_TS + "; epoch timestamps must be in milliseconds");
        }
        long aheadMillis = ts.getAsLong() - receivedAtMillis;
        if (aheadMillis > maxFutureSkew.toMillis()) {
            return reject("ts is " + aheadMillis + " ms in the future; at most " + maxFutureSkew.toMillis()
                    + " ms ahead of the server clock is accepted");
        }

        JsonNode sessionId = raw.get(SESSION_ID);
        if (sessionId != null && !sessionId.isNull()
                && (!sessionId.isTextual() || sessionId.asText().isEmpty() || sessionId.asText().length() > MAX_SESSION_ID_LENGTH)) {
            return reject("session_id must be a string of 1-" + MAX_SESSION_ID_LENGTH + " characters");
        }

        JsonNode props = raw.get(PROPS);
        if (props == null || props.isNull()) {
            return reject("props is required (use {} for type " + type.name() + ")");
        }
        if (!props.isObject()) {
            return reject("props must be a JSON object");
        }
        for (Map.Entry<String, PropKind> rule : type.requiredProps().entrySet()) {
            JsonNode value = props.get(rule.getKey());
            if (value == null || value.isNull()) {
                return reject("props." + rule.getKey() + " is required for type " + type.name());
            }
            if (!rule.getValue().accepts(value)) {
                return reject("props." + rule.getKey() + " must be " + rule.getValue().description() + " for type " + type.name());
            }
        }

        ObjectNode canonical = JsonNodeFactory.instance.objectNode();
        canonical.put(EVENT_ID, eventId.asText());
        canonical.put(PLAYER_ID, playerId.asText());
        canonical.put(GAME_ID, gameId);
        canonical.put(TYPE, type.name());
        canonical.put(TS, ts.getAsLong());
        canonical.put(RECEIVED_AT, receivedAtMillis);
        if (sessionId != null && !sessionId.isNull()) {
            canonical.put(SESSION_ID, sessionId.asText());
        }
        canonical.set(PROPS, props);
        return new ValidationResult.Accepted(canonical);
    }

    /** Whether {@code playerId} is a valid player id (the API paths use the same rule as events). */
    public static boolean isValidPlayerId(String playerId) {
        return playerId != null && PLAYER_ID_PATTERN.matcher(playerId).matches();
    }

    private static ValidationResult reject(String error) {
        return new ValidationResult.Rejected(error);
    }
}
