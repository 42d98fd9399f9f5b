package io.playerlens.profile;

import static io.playerlens.contracts.config.EnvVars.EVENTS_STREAM_NAME;
import static io.playerlens.contracts.config.EnvVars.PROFILES_TABLE_NAME;

import io.playerlens.lambda.ApiKeyStore;
import io.playerlens.lambda.EnvReader;
import java.util.Map;

/** Profile API configuration, read once per container; names every missing variable at once. */
public record ProfileApiConfig(String profilesTable, String eventsStream, ApiKeyStore apiKeys) {

    public static ProfileApiConfig fromEnv(Map<String, String> env) {
        EnvReader reader = new EnvReader(env);
        ProfileApiConfig config = new ProfileApiConfig(reader.required(PROFILES_TABLE_NAME), reader.required(EVENTS_STREAM_NAME),
                reader.apiKeys());
        reader.failOnProblems("profile API");
        return config;
    }
}
