package io.playerlens.contracts.event;

/**
 * Event types the platform itself writes to the events stream. They are not in the client catalog (a game
 * cannot send them), but every stream consumer must know them.
 */
public final class ServerEventTypes {
    /**
     * A player's erasure (privacy request), written by the profile API with the player as partition key, so it
     * is ordered after the player's earlier events. Props: {@code requested_by} (the game id).
     */
    public static final String PLAYER_ERASED = "player_erased";

    /**
     * An offers decision the offers API served (player, placement, model, version, variant, offers, scores,
     * fallback): the feedback loop for training and for measuring model quality. Not player activity, so the
     * feature job does not count it.
     */
    public static final String OFFER_SERVED = "offer_served";

    private ServerEventTypes() {
    }
}
