package io.playerlens.contracts.event;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/** Builds the events the platform writes itself ({@link ServerEventTypes}), in the stream form. */
public final class ServerEvents {
    private ServerEvents() {
    }

    /** A server event stamped now (event time = received time); add its props to {@code props}. */
    public static ObjectNode create(String type, String playerId, String gameId, long nowMillis) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put(EventFields.EVENT_ID, UUID.randomUUID().toString());
        event.put(EventFields.PLAYER_ID, playerId);
        event.put(EventFields.GAME_ID, gameId);
        event.put(EventFields.TYPE, type);
        event.put(EventFields.TS, nowMillis);
        event.put(EventFields.RECEIVED_AT, nowMillis);
        event.putObject(EventFields.PROPS);
        return event;
    }

    public static ObjectNode props(ObjectNode event) {
        return (ObjectNode) event.get(EventFields.PROPS);
    }
}
