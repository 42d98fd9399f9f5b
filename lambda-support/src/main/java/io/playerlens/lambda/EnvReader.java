package io.playerlens.lambda;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a Lambda's configuration from its environment, collecting every problem so that a misconfigured
 * function fails at start-up naming all of them at once.
 */
public final class EnvReader {
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

    public ApiKeys apiKeys() {
        try {
            return ApiKeys.fromEnv(env);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    /** @throws IllegalStateException naming every problem found so far */
    public void failOnProblems(String what) {
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid " + what + " configuration: " + String.join("; ", problems));
        }
    }
}
