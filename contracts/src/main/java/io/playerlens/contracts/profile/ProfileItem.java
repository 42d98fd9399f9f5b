package io.playerlens.contracts.profile;

/**
 * Attribute names of a profile item in the DynamoDB profiles table (partition key {@link #KEY}). Written by the
 * feature job and the backfill, read by the profile API and the models.
 */
public final class ProfileItem {
    /**
     * The partition key: the player's {@link io.playerlens.contracts.event.PlayerKey} as text,
     * {@code <game_id>/<player_id>} — a player id only identifies a player within its game.
     */
    public static final String KEY = "player_key";
    public static final String PLAYER_ID = "player_id";
    public static final String GAME_ID = "game_id";
    /** A map of feature name to value (numbers as N, text as S, missing as NULL). */
    public static final String FEATURES = "features";
    /**
     * The windowed groups' tiles: a map of group name to its tiles in compact text form
     * ({@link Tiles#encode}); windowed features are summed from them at read time.
     */
    public static final String TILES = "tiles";
    /** When the feature job wrote the item, epoch milliseconds. */
    public static final String UPDATED_AT = "updated_at";
    /** The {@code received_at} of the newest event that contributed, epoch milliseconds: freshness = updated_at - received_at. */
    public static final String RECEIVED_AT = "received_at";
    /**
     * When the feature job decoded the newest contributing event (its processing time), epoch milliseconds: the
     * stream stage is processed_at - received_at, the Flink stage updated_at - processed_at.
     */
    public static final String PROCESSED_AT = "processed_at";
    /** Increases with each erasure of the player. */
    public static final String PROFILE_EPOCH = "profile_epoch";
    /**
     * On an erasure's tombstone (an item with no {@link #FEATURES}): when the platform received the erasure, epoch
     * milliseconds. The profile API writes the tombstone at once (the profile is 404 from then on); readers treat a
     * tombstone as no profile.
     */
    public static final String ERASURE_REQUESTED_AT = "erasure_requested_at";
    /**
     * On the tombstone the feature job writes when it applies the erasure: when it did, epoch milliseconds. From then
     * on no write held back from before the erasure can land (the job cancelled them), and the tombstone's
     * {@link #PROFILE_EPOCH} keeps the backfill from writing an older epoch over it.
     */
    public static final String ERASED_AT = "erased_at";
    /** DynamoDB TTL attribute, epoch seconds. */
    public static final String EXPIRES_AT = "expires_at";

    private ProfileItem() {
    }
}
