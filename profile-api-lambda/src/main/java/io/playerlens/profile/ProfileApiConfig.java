package io.playerlens.profile;

import static io.playerlens.contracts.config.EnvVars.EVENTS_STREAM_NAME;
import static io.playerlens.contracts.config.EnvVars.PROFILES_TABLE_NAME;

import io.playerlens.lambda.ApiKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Profile API configuration, read once per container; names every missing variable at once. */
public record ProfileApiConfig(String profilesTable, String eventsStream, ApiKeys apiKeys) {

    public static ProfileApiConfig fromEnv(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        String table = required(env, PROFILES_TABLE_NAME, problems);
        String stream = required(env, EVENTS_STREAM_NAME, problems);
        ApiKeys keys = null;
        try {
            keys = ApiKeys.fromEnv(env);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid profile API configuration: " + String.join("; ", problems));
        }
        return new ProfileApiConfig(table, stream, keys);
    }

    private static String required(Map<String, String> env, String name, List<String> problems) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            problems.add(name + " is required");
            return null;
        }
        return value.trim();
    }
}
