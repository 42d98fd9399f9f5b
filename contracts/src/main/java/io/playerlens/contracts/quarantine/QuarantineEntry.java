package io.playerlens.contracts.quarantine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;

/**
 * One entry of the quarantine stream: something the platform refused, with the reason, kept so it can be inspected,
 * archived ({@code quarantine/} prefix) and replayed. Written by ingest (events a client sent that break the
 * contract) and by the feature job (its dead letters: a record it cannot decode, an event that fails the stream
 * checks, a profile write the store refuses). This class is the one JSON mapping of the entry.
 *
 * @param source {@link #SOURCE_INGEST} or {@link #SOURCE_FEATURE_JOB}
 * @param stage where it was refused: {@link #STAGE_VALIDATION}, {@link #STAGE_DECODE}, {@link #STAGE_EVENT},
 *     {@link #STAGE_PROFILE_WRITE}
 * @param error the reason, human-readable
 * @param gameId the game, when known
 * @param playerId the player, when known (erasure removes the entry with the player's other data)
 * @param requestId ingest: the request it came in
 * @param index ingest: its position in the request's events array; -1 otherwise
 * @param receivedAt when the platform received it (epoch millis), when known; 0 otherwise
 * @param quarantinedAt when it was refused (epoch millis)
 * @param event the event (as sent, or as on the stream), or null
 * @param item the profile item the store refused (as JSON), or null
 * @param record the undecodable Kinesis record, or its first {@link #MAX_RECORD_BYTES} bytes; null otherwise
 * @param recordBytes the record's full length
 */
public final class QuarantineEntry {
    private final String source;
    private final String stage;
    private final String error;
    private final String gameId;
    private final String playerId;
    private final String requestId;
    private final int index;
    private final long receivedAt;
    private final long quarantinedAt;
    private final JsonNode event;
    private final JsonNode item;
    private final byte[] record;
    private final int recordBytes;

    public QuarantineEntry(String source, String stage, String error, String gameId, String playerId, String requestId, int index, long receivedAt, long quarantinedAt, JsonNode event, JsonNode item, byte[] record, int recordBytes) {
        this.source = source;
        this.stage = stage;
        this.error = error;
        this.gameId = gameId;
        this.playerId = playerId;
        this.requestId = requestId;
        this.index = index;
        this.receivedAt = receivedAt;
        this.quarantinedAt = quarantinedAt;
        this.event = event;
        this.item = item;
        this.record = record;
        this.recordBytes = recordBytes;
    }

    public String source() {
        return source;
    }

    public String stage() {
        return stage;
    }

    public String error() {
        return error;
    }

    public String gameId() {
        return gameId;
    }

    public String playerId() {
        return playerId;
    }

    public String requestId() {
        return requestId;
    }

    public int index() {
        return index;
    }

    public long receivedAt() {
        return receivedAt;
    }

    public long quarantinedAt() {
        return quarantinedAt;
    }

    public JsonNode event() {
        return event;
    }

    public JsonNode item() {
        return item;
    }

    public byte[] record() {
        return record;
    }

    public int recordBytes() {
        return recordBytes;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof QuarantineEntry)) {
            return false;
        }
        QuarantineEntry that = (QuarantineEntry) o;
        return java.util.Objects.equals(source, that.source) && java.util.Objects.equals(stage, that.stage) && java.util.Objects.equals(error, that.error) && java.util.Objects.equals(gameId, that.gameId) && java.util.Objects.equals(playerId, that.playerId) && java.util.Objects.equals(requestId, that.requestId) && index == that.index && receivedAt == that.receivedAt && quarantinedAt == that.quarantinedAt && java.util.Objects.equals(event, that.event) && java.util.Objects.equals(item, that.item) && java.util.Arrays.equals(record, that.record) && recordBytes == that.recordBytes;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(source, stage, error, gameId, playerId, requestId, index, receivedAt, quarantinedAt, event, item, java.util.Arrays.hashCode(record), recordBytes);
    }

    @Override
    public String toString() {
        return "QuarantineEntry[" + "source=" + source + ", " + "stage=" + stage + ", " + "error=" + error + ", " + "gameId=" + gameId + ", " + "playerId=" + playerId + ", " + "requestId=" + requestId + ", " + "index=" + index + ", " + "receivedAt=" + receivedAt + ", " + "quarantinedAt=" + quarantinedAt + ", " + "event=" + event + ", " + "item=" + item + ", " + "record=" + java.util.Arrays.toString(record) + ", " + "recordBytes=" + recordBytes + "]";
    }

    public static final String SOURCE_INGEST = "ingest";
    public static final String SOURCE_FEATURE_JOB = "feature-job";
    /** Ingest: the event breaks the event contract. */
    public static final String STAGE_VALIDATION = "validation";
    /** Feature job: the Kinesis record is not a playerlens record, or a line of it is not JSON. */
    public static final String STAGE_DECODE = "decode";
    /** Feature job: an event on the stream breaks the stream checks (a laxer producer, an older ingest, a replay). */
    public static final String STAGE_EVENT = "event";
    /** Feature job: a profile item no store write can hold, or one the store refused as invalid. */
    public static final String STAGE_PROFILE_WRITE = "profile-write";
    /** Undecodable records are kept whole up to this size (base64 then fits a Kinesis record); larger ones are cut. */
    public static final int MAX_RECORD_BYTES = 512 * 1024;

    public static final String SOURCE = "source";
    public static final String STAGE = "stage";
    public static final String ERROR = "error";
    public static final String GAME_ID = "game_id";
    public static final String PLAYER_ID = "player_id";
    public static final String REQUEST_ID = "request_id";
    public static final String INDEX = "index";
    public static final String RECEIVED_AT = "received_at";
    public static final String QUARANTINED_AT = "quarantined_at";
    public static final String EVENT = "event";
    public static final String ITEM = "item";
    public static final String RECORD_BASE64 = "record_base64";
    public static final String RECORD_BYTES = "record_bytes";

    /** An event a client sent that ingest refused. */
    public static QuarantineEntry rejectedAtIngest(JsonNode event, int index, String error, String gameId, String requestId,
                                                   long receivedAt) {
        String player = event != null && event.path("player_id").isTextual() ? event.get("player_id").asText() : null;
        return new QuarantineEntry(SOURCE_INGEST, STAGE_VALIDATION, error, gameId, player, requestId, index, receivedAt, receivedAt,
                event, null, null, 0);
    }

    /** A Kinesis record the feature job cannot decode. */
    public static QuarantineEntry undecodableRecord(byte[] record, String error, long now) {
        byte[] kept = record.length <= MAX_RECORD_BYTES ? record : java.util.Arrays.copyOf(record, MAX_RECORD_BYTES);
        return new QuarantineEntry(SOURCE_FEATURE_JOB, STAGE_DECODE, error, null, null, null, -1, 0, now, null, null, kept, record.length);
    }

    /** An event on the stream the feature job refuses. */
    public static QuarantineEntry refusedEvent(JsonNode event, String error, long now) {
        return new QuarantineEntry(SOURCE_FEATURE_JOB, STAGE_EVENT, error, text(event, "game_id"), text(event, "player_id"), null, -1,
                event != null && event.path("received_at").canConvertToLong() ? event.path("received_at").asLong() : 0, now, event,
                null, null, 0);
    }

    /** A profile write the store cannot hold or refused. */
    public static QuarantineEntry refusedProfileWrite(String gameId, String playerId, JsonNode item, String error, long now) {
        return new QuarantineEntry(SOURCE_FEATURE_JOB, STAGE_PROFILE_WRITE, error, gameId, playerId, null, -1, 0, now, null, item, null, 0);
    }

    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put(SOURCE, source);
        json.put(STAGE, stage);
        json.put(ERROR, error);
        putIfSet(json, GAME_ID, gameId);
        putIfSet(json, PLAYER_ID, playerId);
        putIfSet(json, REQUEST_ID, requestId);
        if (index >= 0) {
            json.put(INDEX, index);
        }
        if (receivedAt > 0) {
            json.put(RECEIVED_AT, receivedAt);
        }
        json.put(QUARANTINED_AT, quarantinedAt);
        if (event != null) {
            json.set(EVENT, event);
        }
        if (item != null) {
            json.set(ITEM, item);
        }
        if (record != null) {
            json.put(RECORD_BASE64, Base64.getEncoder().encodeToString(record));
            json.put(RECORD_BYTES, recordBytes);
        }
        return json;
    }

    /** Whether an archived line is a quarantine entry (rather than an event): it carries the refusal's {@code error}. */
    public static boolean isEntry(JsonNode json) {
        return json != null && json.path(ERROR).isTextual() && (json.has(EVENT) || json.has(ITEM) || json.has(RECORD_BASE64) || json.has(STAGE));
    }

    /**
     * Every player the entry holds data of: its own {@code player_id}, its event's and its item's (an undecodable
     * record's content is the reader's to look into).
     */
    public java.util.Set<String> players() {
        java.util.Set<String> players = new java.util.TreeSet<>();
        if (playerId != null) {
            players.add(playerId);
        }
        String fromEvent = text(event, "player_id");
        if (fromEvent != null) {
            players.add(fromEvent);
        }
        String fromItem = text(item, "player_id");
        if (fromItem != null) {
            players.add(fromItem);
        }
        return players;
    }

    /** Reads an entry; tolerant of entries written before {@code source}/{@code stage} existed (ingest's). */
    public static QuarantineEntry fromJson(JsonNode json) {
        JsonNode event = json.has(EVENT) ? json.get(EVENT) : null;
        String player = text(json, PLAYER_ID);
        if (player == null && event != null) {
            player = text(event, "player_id");
        }
        byte[] record = json.hasNonNull(RECORD_BASE64) ? Base64.getDecoder().decode(json.get(RECORD_BASE64).asText()) : null;
        return new QuarantineEntry(json.path(SOURCE).asText(SOURCE_INGEST), json.path(STAGE).asText(STAGE_VALIDATION), json.path(ERROR).asText(),
                text(json, GAME_ID), player, text(json, REQUEST_ID), json.path(INDEX).asInt(-1), json.path(RECEIVED_AT).asLong(0),
                json.path(QUARANTINED_AT).asLong(json.path(RECEIVED_AT).asLong(0)), event, json.hasNonNull(ITEM) ? json.get(ITEM) : null,
                record, json.path(RECORD_BYTES).asInt(record == null ? 0 : record.length));
    }

    private static void putIfSet(ObjectNode json, String name, String value) {
        if (value != null) {
            json.put(name, value);
        }
    }

    private static String text(JsonNode node, String field) {
        return node != null && node.path(field).isTextual() ? node.get(field).asText() : null;
    }
}
