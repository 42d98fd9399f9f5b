package io.playerlens.contracts.event;

import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who a player is: a player id only means something within its game (a game is a tenant; ids like {@code 1234} collide
 * across games). Every key that identifies a player — the profile table's partition key, the Kinesis partition key,
 * the feature job's keys and state, dedupe, erasure, offers, the archive erase, backfill and training sets — is this
 * pair. Its text form {@code <game_id>/<player_id>} ({@link #value}) is unambiguous: neither id may hold a {@code /}.
 */
public final class PlayerKey implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final char SEPARATOR = '/';
    /** What a game id may be (API keys name their game by it). */
    public static final Pattern GAME_ID_PATTERN = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    public static final String GAME_ID_RULE = "game_id must be a string of 1-64 characters of [A-Za-z0-9._-]";

    private final String gameId;
    private final String playerId;

    private PlayerKey(String gameId, String playerId) {
        if (!isValidGameId(gameId)) {
            throw new IllegalArgumentException(GAME_ID_RULE + ", got " + (gameId == null ? "none" : "'" + gameId + "'"));
        }
        if (!EventValidator.isValidPlayerId(playerId)) {
            throw new IllegalArgumentException(EventValidator.PLAYER_ID_RULE);
        }
        this.gameId = gameId;
        this.playerId = playerId;
    }

    /** @throws IllegalArgumentException when either id breaks its rule */
    public static PlayerKey of(String gameId, String playerId) {
        return new PlayerKey(gameId, playerId);
    }

    /** The key of two ids when both are valid, else null: for readers of records that may hold anything. */
    public static PlayerKey orNull(String gameId, String playerId) {
        return isValidGameId(gameId) && EventValidator.isValidPlayerId(playerId) ? new PlayerKey(gameId, playerId) : null;
    }

    public static boolean isValidGameId(String gameId) {
        return gameId != null && GAME_ID_PATTERN.matcher(gameId).matches();
    }

    /** The text form of a key, as {@link #value} writes it. */
    public static PlayerKey parse(String value) {
        int separator = value == null ? -1 : value.indexOf(SEPARATOR);
        if (separator < 0) {
            throw new IllegalArgumentException("a player key is <game_id>/<player_id>, got '" + value + "'");
        }
        return new PlayerKey(value.substring(0, separator), value.substring(separator + 1));
    }

    /** {@code <game_id>/<player_id>} of two ids, without checking them (callers hold validated ids). */
    public static String value(String gameId, String playerId) {
        return gameId + SEPARATOR + playerId;
    }

    public String gameId() {
        return gameId;
    }

    public String playerId() {
        return playerId;
    }

    /** {@code <game_id>/<player_id>}: the profile table's partition key and the events' Kinesis partition key. */
    public String value() {
        return value(gameId, playerId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PlayerKey && ((PlayerKey) o).gameId.equals(gameId) && ((PlayerKey) o).playerId.equals(playerId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(gameId, playerId);
    }

    @Override
    public String toString() {
        return value();
    }
}
