package io.playerlens.features;

import io.playerlens.contracts.event.PlayerKey;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * One decoded event on its way through the job (a Flink POJO: public fields, no-arg constructor). Its type
 * information is declared by {@link TypeFactory}, so the props map is serialised as a map, not with Kryo.
 */
@TypeInfo(PlayerEvent.TypeFactory.class)
public class PlayerEvent {
    public String eventId;
    public String playerId;
    public String gameId;
    public String type;
    public long ts;
    public long receivedAt;
    /** When the feature job decoded the event (its processing time): the stream stage ends here. */
    public long processedAt;
    public String sessionId;
    public Map<String, String> props;
    /** Increases with each erasure of the player; set by {@link DedupeAndErasure}. */
    public int profileEpoch;
    /** False when the event arrived behind the watermark; set by {@link DedupeAndErasure}. */
    public boolean onTime = true;

    public PlayerEvent() {
    }

    /** The event's Flink type (a POJO with a string map), for operators that cannot infer it. */
    public static TypeInformation<PlayerEvent> typeInformation() {
        return new TypeFactory().createTypeInfo(PlayerEvent.class, Map.of());
    }

    /** Flink type information for {@link PlayerEvent}: a POJO whose props field is a string map. */
    public static class TypeFactory extends TypeInfoFactory<PlayerEvent> {
        @Override
        public TypeInformation<PlayerEvent> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            Map<String, TypeInformation<?>> fields = new LinkedHashMap<>();
            fields.put("eventId", Types.STRING);
            fields.put("playerId", Types.STRING);
            fields.put("gameId", Types.STRING);
            fields.put("type", Types.STRING);
            fields.put("ts", Types.LONG);
            fields.put("receivedAt", Types.LONG);
            fields.put("processedAt", Types.LONG);
            fields.put("sessionId", Types.STRING);
            fields.put("props", Types.MAP(Types.STRING, Types.STRING));
            fields.put("profileEpoch", Types.INT);
            fields.put("onTime", Types.BOOLEAN);
            return Types.POJO(PlayerEvent.class, fields);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PlayerEvent)) {
            return false;
        }
        PlayerEvent e = (PlayerEvent) o;
        return ts == e.ts && receivedAt == e.receivedAt && profileEpoch == e.profileEpoch
                && onTime == e.onTime && Objects.equals(eventId, e.eventId) && Objects.equals(playerId, e.playerId)
                && Objects.equals(gameId, e.gameId) && Objects.equals(type, e.type)
                && Objects.equals(sessionId, e.sessionId) && Objects.equals(props, e.props);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, playerId, ts);
    }

    /** The state key: the player as {@code <game_id>/<player_id>} ({@link PlayerKey}); a player is a game's player. */
    public String playerKey() {
        return PlayerKey.value(gameId, playerId);
    }

    @Override
    public String toString() {
        return type + "[" + eventId + " player=" + playerId + " ts=" + ts + " epoch=" + profileEpoch + (onTime ? "" : " late") + "]";
    }
}
