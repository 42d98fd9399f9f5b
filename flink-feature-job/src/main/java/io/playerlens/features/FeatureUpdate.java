package io.playerlens.features;

import io.playerlens.contracts.event.PlayerKey;

/**
 * A change to one player's profile: a feature group's new row, or an erasure. Strings and numbers only, so
 * Flink serialises it as a POJO (no Kryo); the features travel as a JSON object.
 */
public class FeatureUpdate {
    /** The group name for a feature row; {@link #ERASURE} for an erasure. */
    public static final String ERASURE = "__erasure__";

    public String group;
    public String playerId;
    public String gameId;
    public int profileEpoch;
    /** The tile index of a windowed group's row ({@code floor(ts / tile)}); -1 for aggregate groups. */
    public long tile = -1;
    /** Newest {@code received_at} that contributed, or -1. */
    public long receivedAt = -1;
    /** When the feature job decoded the newest event that contributed (processing time), or -1. */
    public long processedAt = -1;
    public String featuresJson;

    public FeatureUpdate() {
    }

    public boolean isErasure() {
        return ERASURE.equals(group);
    }

    /** The state key: the player as {@code <game_id>/<player_id>} ({@link PlayerKey}); a player is a game's player. */
    public String playerKey() {
        return PlayerKey.value(gameId, playerId);
    }

    @Override
    public String toString() {
        return group + "[" + playerId + " epoch=" + profileEpoch + (tile >= 0 ? " tile=" + tile : "") + " " + featuresJson + "]";
    }
}
