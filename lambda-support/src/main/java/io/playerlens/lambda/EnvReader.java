package io.playerlens.lambda;

import io.playerlens.contracts.config.EnvVars;
import io.playerlens.store.AwsClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a Lambda's configuration from its environment, collecting every problem so that a misconfigured
 * function fails at start-up naming all of them at once.
 */
public final class EnvReader {
    /** How long API keys read from the secret are used before it is read again. */
    public static final long DEFAULT_API_KEYS_TTL_MS = 60_000;

    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    public EnvReader(Map<String, String> env) {
        this.env = env;
    }

    public String required(String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            problems.add(name + " is required");
            return null;
        }
        return value.trim();
    }

    public int positiveInt(String name, int defaultValue) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(name + " must be a positive integer, got '" + value + "'");
        return defaultValue;
    }

    /** A whole number >= 0 (0 usually turns the feature off). */
    public long nonNegativeLong(String name, long defaultValue) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(name + " must be a whole number >= 0, got '" + value + "'");
        return defaultValue;
    }

    public long positiveLong(String name, long defaultValue) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(name + " must be a positive integer, got '" + value + "'");
        return defaultValue;
    }

    /**
     * The games' API keys: from the Secrets Manager secret {@code API_KEYS_SECRET_ARN} (AWS; read at request time,
     * cached {@code API_KEYS_TTL_MS}), else the fixed {@code API_KEY_HASHES} (local).
     */
    public ApiKeyStore apiKeys() {
        String secret = env.get(EnvVars.API_KEYS_SECRET_ARN);
        if (secret != null && !secret.isBlank()) {
            long ttlMs = positiveLong(EnvVars.API_KEYS_TTL_MS, DEFAULT_API_KEYS_TTL_MS);
            boolean localMode = "true".equalsIgnoreCase(env.getOrDefault(EnvVars.LOCAL_MODE, "false").trim());
            return ApiKeyStore.secret(AwsClients.secretReader(env), secret.trim(), localMode, java.time.Duration.ofMillis(ttlMs),
                    java.time.Clock.systemUTC());
        }
        try {
            return ApiKeyStore.fixed(ApiKeys.fromEnv(env));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage() + " (or set " + EnvVars.API_KEYS_SECRET_ARN + ")");
            return null;
        }
    }

    /** Adds a problem found by the caller, reported with the others by {@link #failOnProblems}. */
    public void problem(String problem) {
        problems.add(problem);
    }

    /** @throws IllegalStateException naming every problem found so far */
    public void failOnProblems(String what) {
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid " + what + " configuration: " + String.join("; ", problems));
        }
    }
}
