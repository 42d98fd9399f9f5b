package io.playerlens.contracts.event;

import static io.playerlens.contracts.event.EventFields.CLIENT_TS;
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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks one event against the contract. Every refusal names the field and the rule, so a game developer can fix
 * the client from the message alone; independent problems are all reported, separated by {@code "; "}.
 *
 * <p>Two entry points, one rule set: {@link #validate} at the edge (a client event → its canonical stream form),
 * and {@link #validateStreamEvent} in the feature job, which checks every event it reads again — records written by
 * an older ingest, a replay or another producer — so a value no store can hold never reaches a feature. Neither
 * throws, whatever the input.
 */
public final class EventValidator {
    public static final int MAX_SESSION_ID_LENGTH = 128;
    /** Events are small; a bigger one is almost always a client bug (a dump of state in props). */
    public static final int MAX_EVENT_BYTES = 64 * 1024;
    /** Props (kept as sent) may nest at most this deep: every JSON reader downstream can walk them. */
    public static final int MAX_PROPS_DEPTH = 16;
    /** Prop names (at any depth) are at most this long; every JSON reader downstream can read them back. */
    public static final int MAX_PROP_NAME_LENGTH = 128;

    private static final Pattern EVENT_ID_PATTERN = Pattern.compile("[A-Za-z0-9._:-]{8,64}");
    /** Not "." or "..": a path segment of those is no player (URLs normalise it away: {@code /v1/players/../profile}). */
    private static final Pattern PLAYER_ID_PATTERN = Pattern.compile("(?!\\.{1,2}$)[A-Za-z0-9._:-]{1,64}");
    /** The rule for a player id, as stated to clients. */
    public static final String PLAYER_ID_RULE = "player_id must be a string of 1-64 characters of [A-Za-z0-9._:-], not \".\" or \"..\"";
    public static final String EVENT_ID_RULE = "event_id must be a string of 8-64 characters of [A-Za-z0-9._:-] (a UUID fits)";
    private static final Set<String> CLIENT_FIELDS = Set.of(EVENT_ID, PLAYER_ID, TYPE, TS, SESSION_ID, PROPS);
    private static final Set<String> SERVER_FIELDS = Set.of(GAME_ID, RECEIVED_AT, CLIENT_TS);
    private static final Set<String> SERVER_TYPES = Set.of(ServerEventTypes.PLAYER_ERASED, ServerEventTypes.OFFER_SERVED);

    private final EventCatalog catalog;
    private final EventTimePolicy timePolicy;

    public EventValidator(EventCatalog catalog, EventTimePolicy timePolicy) {
        this.catalog = catalog;
        this.timePolicy = timePolicy;
    }

    /** The validator the feature job uses: the default catalog; time is checked against each event's own receipt. */
    public static EventValidator forStream() {
        return new EventValidator(EventCatalog.defaultCatalog(), EventTimePolicy.defaults());
    }

    /**
     * Checks a client event at the edge.
     *
     * @param raw the event as the client sent it
     * @param serializedBytes its size in bytes as received (for the size rule)
     * @param gameId stamped on the accepted event
     * @param receivedAtMillis stamped on the accepted event; also "now" for the time policy
     */
    public ValidationResult validate(JsonNode raw, int serializedBytes, String gameId, long receivedAtMillis) {
        if (raw == null || !raw.isObject()) {
            return reject("event must be a JSON object");
        }
        if (serializedBytes > MAX_EVENT_BYTES) {
            return reject("event is " + serializedBytes + " bytes; at most " + MAX_EVENT_BYTES + " bytes per event");
        }
        List<String> problems = new ArrayList<>();
        checkClientFields(raw, problems);
        checkId(raw, EVENT_ID, EVENT_ID_PATTERN, EVENT_ID_RULE, problems);
        checkId(raw, PLAYER_ID, PLAYER_ID_PATTERN, PLAYER_ID_RULE, problems);
        Optional<EventType> type = checkType(raw, false, problems);
        EventTimePolicy.Verdict time = checkClientTs(raw, receivedAtMillis, problems);
        checkSessionId(raw, problems);
        checkProps(raw, type, problems);
        if (!problems.isEmpty()) {
            return reject(String.join("; ", problems));
        }
        ObjectNode canonical = JsonNodeFactory.instance.objectNode();
        canonical.put(EVENT_ID, raw.get(EVENT_ID).asText());
        canonical.put(PLAYER_ID, raw.get(PLAYER_ID).asText());
        canonical.put(GAME_ID, gameId);
        canonical.put(TYPE, type.orElseThrow().name());
        canonical.put(TS, time.eventTime());
        canonical.put(RECEIVED_AT, receivedAtMillis);
        if (time.clamped()) {
            canonical.put(CLIENT_TS, EventTimestamps.parse(raw.get(TS)).epochMillis());
        }
        if (raw.hasNonNull(SESSION_ID)) {
            canonical.put(SESSION_ID, raw.get(SESSION_ID).asText());
        }
        canonical.set(PROPS, raw.get(PROPS));
        return new ValidationResult.Accepted(canonical);
    }

    /**
     * Checks an event in its stream form, as the feature job reads it: the server stamps present, the catalog's
     * value kinds, valid text. An accepted event's {@code ts} is its event time ({@link EventTimePolicy#eventTime}).
     * The age and skew limits are the edge's business (a replay of old events is legitimate) and are not checked.
     */
    public ValidationResult validateStreamEvent(JsonNode event) {
        if (event == null || !event.isObject()) {
            return reject("event must be a JSON object");
        }
        List<String> problems = new ArrayList<>();
        checkId(event, EVENT_ID, EVENT_ID_PATTERN, EVENT_ID_RULE, problems);
        checkId(event, PLAYER_ID, PLAYER_ID_PATTERN, PLAYER_ID_RULE, problems);
        checkId(event, GAME_ID, PlayerKey.GAME_ID_PATTERN, PlayerKey.GAME_ID_RULE, problems);
        Optional<EventType> type = checkType(event, true, problems);
        JsonNode ts = event.get(TS);
        if (ts == null || !ts.isIntegralNumber() || !ts.canConvertToLong()) {
            problems.add("ts must be epoch milliseconds in the stream form");
        } else if (ts.asLong() < EventTimePolicy.EARLIEST.toEpochMilli()) {
            problems.add("ts " + ts.asLong() + " is before " + EventTimePolicy.EARLIEST);
        }
        JsonNode receivedAt = event.get(RECEIVED_AT);
        if (receivedAt == null || !receivedAt.isIntegralNumber() || !receivedAt.canConvertToLong() || receivedAt.asLong() <= 0) {
            problems.add("received_at must be positive epoch milliseconds in the stream form");
        }
        checkSessionId(event, problems);
        boolean serverType = event.path(TYPE).isTextual() && SERVER_TYPES.contains(event.get(TYPE).asText());
        if (serverType) {
            checkPropsShape(event, Set.of(), problems);
        } else {
            checkProps(event, type, problems);
        }
        if (!problems.isEmpty()) {
            return reject(String.join("; ", problems));
        }
        ((ObjectNode) event).put(TS, EventTimePolicy.eventTime(ts.asLong(), receivedAt.asLong()));
        return new ValidationResult.Accepted((ObjectNode) event);
    }

    /** Whether {@code playerId} is a valid player id (the API paths use the same rule as events). */
    public static boolean isValidPlayerId(String playerId) {
        return playerId != null && PLAYER_ID_PATTERN.matcher(playerId).matches();
    }

    private static void checkClientFields(JsonNode raw, List<String> problems) {
        for (Iterator<String> names = raw.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (SERVER_FIELDS.contains(name)) {
                problems.add(name + " is set by the server; remove it from the event");
            } else if (!CLIENT_FIELDS.contains(name)) {
                problems.add("unknown field '" + printable(name) + "'; put custom data in props");
            }
        }
    }

    private static void checkId(JsonNode event, String field, Pattern pattern, String rule, List<String> problems) {
        JsonNode id = event.get(field);
        if (id == null || id.isNull()) {
            problems.add(field + " is required");
        } else if (!id.isTextual() || !pattern.matcher(id.asText()).matches()) {
            problems.add(rule);
        }
    }

    private Optional<EventType> checkType(JsonNode event, boolean allowServerTypes, List<String> problems) {
        JsonNode typeNode = event.get(TYPE);
        if (typeNode == null || typeNode.isNull()) {
            problems.add("type is required");
            return Optional.empty();
        }
        if (!typeNode.isTextual()) {
            problems.add("type must be a string");
            return Optional.empty();
        }
        Optional<EventType> type = catalog.type(typeNode.asText());
        if (type.isEmpty() && !(allowServerTypes && SERVER_TYPES.contains(typeNode.asText()))) {
            problems.add("type '" + printable(typeNode.asText()) + "' is not in the event catalog; known types: "
                    + String.join(", ", catalog.typeNames()));
        }
        return type;
    }

    private EventTimePolicy.Verdict checkClientTs(JsonNode raw, long receivedAtMillis, List<String> problems) {
        JsonNode tsNode = raw.get(TS);
        if (tsNode == null || tsNode.isNull()) {
            problems.add("ts is required");
            return null;
        }
        EventTimestamps.Parsed ts = EventTimestamps.parse(tsNode);
        if (ts.outOfRange()) {
            problems.add("ts " + printable(tsNode.asText()) + " is out of range; send a time after " + EventTimePolicy.EARLIEST
                    + " as ISO-8601 or epoch milliseconds");
            return null;
        }
        if (!ts.valid()) {
            problems.add(EventTimestamps.FORMAT_RULE);
            return null;
        }
        EventTimePolicy.Verdict verdict = timePolicy.check(ts.epochMillis(), receivedAtMillis, printable(tsNode.asText()));
        if (!verdict.accepted()) {
            problems.add(verdict.error());
        }
        return verdict;
    }

    private static void checkSessionId(JsonNode event, List<String> problems) {
        JsonNode sessionId = event.get(SESSION_ID);
        if (sessionId == null || sessionId.isNull()) {
            return;
        }
        String rule = "session_id must be a string of 1-" + MAX_SESSION_ID_LENGTH + " characters of valid Unicode";
        if (!sessionId.isTextual() || sessionId.asText().isEmpty() || sessionId.asText().length() > MAX_SESSION_ID_LENGTH) {
            problems.add(rule);
        } else {
            Unicode.problem(sessionId.asText()).ifPresent(p -> problems.add(rule + "; it " + p));
        }
    }

    private static boolean checkPropsShape(JsonNode event, Set<String> typedProps, List<String> problems) {
        JsonNode props = event.get(PROPS);
        if (props == null || props.isNull()) {
            problems.add("props is required (use {} for type " + printable(event.path(TYPE).asText()) + ")");
            return false;
        }
        if (!props.isObject()) {
            problems.add("props must be a JSON object");
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (typedProps.contains(field.getKey())) {
                continue; // the kind's own check names what is wrong
            }
            Optional<String> keyProblem = nameProblem(field.getKey());
            if (keyProblem.isPresent()) {
                problems.add("a key in props " + keyProblem.get());
                return true;
            }
            int before = problems.size();
            checkFreeValues(field.getValue(), "props." + printable(field.getKey()), 2, problems);
            if (problems.size() > before) {
                return true;
            }
        }
        return true;
    }

    private static void checkProps(JsonNode event, Optional<EventType> type, List<String> problems) {
        if (!checkPropsShape(event, type.map(t -> t.requiredProps().keySet()).orElse(Set.of()), problems) || type.isEmpty()) {
            return;
        }
        JsonNode props = event.get(PROPS);
        for (Map.Entry<String, PropKind> rule : type.get().requiredProps().entrySet()) {
            JsonNode value = props.get(rule.getKey());
            if (value == null || value.isNull()) {
                problems.add("props." + rule.getKey() + " is required for type " + type.get().name());
            } else {
                rule.getValue().check(value).ifPresent(got -> problems.add("props." + rule.getKey() + " must be "
                        + rule.getValue().description() + " for type " + type.get().name() + "; got " + got));
            }
        }
    }

    /** Props kept as sent: valid Unicode keys and strings, finite numbers, bounded nesting. Reports the first problem. */
    private static void checkFreeValues(JsonNode node, String path, int depth, List<String> problems) {
        if (depth > MAX_PROPS_DEPTH) {
            problems.add(path + " nests deeper than " + MAX_PROPS_DEPTH + " levels");
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                Optional<String> keyProblem = nameProblem(field.getKey());
                if (keyProblem.isPresent()) {
                    problems.add("a key in " + path + " " + keyProblem.get());
                    return;
                }
                int before = problems.size();
                checkFreeValues(field.getValue(), path + "." + printable(field.getKey()), depth + 1, problems);
                if (problems.size() > before) {
                    return;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                int before = problems.size();
                checkFreeValues(node.get(i), path + "[" + i + "]", depth + 1, problems);
                if (problems.size() > before) {
                    return;
                }
            }
        } else if (node.isTextual()) {
            Unicode.problem(node.asText()).ifPresent(p -> problems.add(path + " " + p));
        } else if (node.isFloatingPointNumber() && !Double.isFinite(node.asDouble())) {
            problems.add(path + " is a number outside the double range");
        }
    }

    private static Optional<String> nameProblem(String name) {
        if (name.length() > MAX_PROP_NAME_LENGTH) {
            return Optional.of("has " + name.length() + " characters; prop names have at most " + MAX_PROP_NAME_LENGTH);
        }
        return Unicode.problem(name);
    }

    private static String printable(String text) {
        return Unicode.printable(text);
    }

    private static ValidationResult reject(String error) {
        return new ValidationResult.Rejected(error);
    }
}
