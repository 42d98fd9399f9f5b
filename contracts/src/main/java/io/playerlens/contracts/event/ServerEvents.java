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

    /** {@code player_erased}: the profile API's record of an erasure request, by the game that asked. */
    public static ObjectNode playerErased(String playerId, String gameId, long nowMillis) {
        ObjectNode event = create(ServerEventTypes.PLAYER_ERASED, playerId, gameId, nowMillis);
        props(event).put("requested_by", gameId);
        return event;
    }

    /**
     * {@code offer_served}: one offers decision — the placement, the model, its version and the variant, whether the
     * defaults were served and why, the offers in the order served with their scores.
     */
    public static ObjectNode offerServed(String gameId, String playerId, String placement, String model, String version, String variant,
                                         java.util.List<io.playerlens.contracts.offers.ScoredOffer> offers, boolean fallback, String reason,
                                         long nowMillis) {
        return offerServed(gameId, playerId, placement, model, version, variant, offers, fallback, reason, false, nowMillis);
    }

    /**
     * The same for a shadow variant's decision ({@code shadow: true}): what its model would have served; {@code offers}
     * empty when it could not answer ({@code fallback: true} and the reason: nothing was served on its behalf).
     */
    public static ObjectNode offerServed(String gameId, String playerId, String placement, String model, String version, String variant,
                                         java.util.List<io.playerlens.contracts.offers.ScoredOffer> offers, boolean fallback, String reason,
                                         boolean shadow, long nowMillis) {
        ObjectNode e = create(ServerEventTypes.OFFER_SERVED, playerId, gameId, nowMillis);
        ObjectNode props = props(e);
        props.put("placement", placement).put("model", model).put("model_version", version).put("variant", variant)
                .put("fallback", fallback);
        if (shadow) {
            props.put("shadow", true);
        }
        if (reason != null) {
            props.put("reason", reason);
        }
        com.fasterxml.jackson.databind.node.ArrayNode ids = props.putArray("offers");
        com.fasterxml.jackson.databind.node.ArrayNode scores = props.putArray("scores");
        offers.forEach(o -> {
            ids.add(o.offer().offerId());
            scores.add(o.score());
        });
        return e;
    }
}
