package io.playerlens.contracts.event;

/** Field names of an event, on the wire and on the stream. Public API: never rename. */
public final class EventFields {
    public static final String EVENT_ID = "event_id";
    public static final String PLAYER_ID = "player_id";
    public static final String TYPE = "type";
    public static final String TS = "ts";
    public static final String SESSION_ID = "session_id";
    public static final String PROPS = "props";
    /** Stamped by the server from the API key. */
    public static final String GAME_ID = "game_id";
    /** Stamped by the server: epoch millis when ingest accepted the event. */
    public static final String RECEIVED_AT = "received_at";
    /**
     * Stamped by the server only when it moved {@code ts}: the client's own {@code ts} (epoch millis) of an event
     * stamped ahead of the server clock (see {@link EventTimePolicy}).
     */
    public static final String CLIENT_TS = "client_ts";

    private EventFields() {
    }
}
