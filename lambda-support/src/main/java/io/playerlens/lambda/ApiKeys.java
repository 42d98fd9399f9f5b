package io.playerlens.lambda;

import io.playerlens.contracts.config.EnvVars;
import io.playerlens.contracts.event.PlayerKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The games' API keys, stored as SHA-256 hashes (never the keys themselves). A presented key is hashed and
 * compared with every stored hash in constant time, so neither the comparison nor the loop leaks which
 * prefix matched.
 */
public final class ApiKeys {
    /** The key {@code ./playerlens up} configures. Refused by {@link #parse} unless local mode allows it. */
    public static final String LOCAL_DEV_KEY = io.playerlens.contracts.config.Names.LOCAL_DEV_KEY;

    private record Entry(String gameId, byte[] hash) {
    }

    private final List<Entry> entries;

    private ApiKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads {@code API_KEY_HASHES}; the local dev key is refused unless {@code PLAYERLENS_LOCAL_MODE=true}.
     *
     * @throws IllegalArgumentException naming the variable and the problem
     */
    public static ApiKeys fromEnv(Map<String, String> env) {
        String spec = env.get(EnvVars.API_KEY_HASHES);
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException(EnvVars.API_KEY_HASHES + " is required");
        }
        ApiKeys keys;
        try {
            keys = parse(spec);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(EnvVars.API_KEY_HASHES + ": " + e.getMessage(), e);
        }
        boolean localMode = "true".equalsIgnoreCase(env.getOrDefault(EnvVars.LOCAL_MODE, "false").trim());
        if (keys.containsKey(LOCAL_DEV_KEY) && !localMode) {
            throw new IllegalArgumentException(EnvVars.API_KEY_HASHES + " holds the local key '" + LOCAL_DEV_KEY
                    + "', which is accepted only with " + EnvVars.LOCAL_MODE + "=true");
        }
        return keys;
    }

    /** Parses {@code game_id:sha256hex,game_id:sha256hex}. */
    public static ApiKeys parse(String spec) {
        List<Entry> entries = new ArrayList<>();
        for (String pair : spec.split(",")) {
            String trimmed = pair.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("expected game_id:sha256hex, got '" + trimmed + "'");
            }
            String gameId = trimmed.substring(0, colon);
            String hex = trimmed.substring(colon + 1);
            if (!PlayerKey.GAME_ID_PATTERN.matcher(gameId).matches()) {
                throw new IllegalArgumentException("game id '" + gameId + "' must be 1-64 characters of [A-Za-z0-9._-]");
            }
            if (!hex.matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException("the hash for game " + gameId + " must be 64 hex characters (SHA-256)");
            }
            entries.add(new Entry(gameId, HexFormat.of().parseHex(hex)));
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("no API keys configured");
        }
        return new ApiKeys(entries);
    }

    /** @return the game the key belongs to, or empty for a missing or unknown key */
    public Optional<String> gameFor(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = sha256(presentedKey);
        String match = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.hash(), presented) && match == null) {
                match = entry.gameId();
            }
        }
        return Optional.ofNullable(match);
    }

    public boolean containsKey(String key) {
        return gameFor(key).isPresent();
    }

    public static String sha256Hex(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
