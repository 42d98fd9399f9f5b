package io.playerlens.offers;

import io.playerlens.contracts.config.EnvVars;
import io.playerlens.contracts.offers.ModelFunctions;
import io.playerlens.lambda.ApiKeys;
import io.playerlens.lambda.EnvReader;
import java.util.Map;

/** Offers API configuration, read once per container. */
public record OffersConfig(ApiKeys apiKeys, String eventsStream, Placements placements, String modelFunctionPrefix) {

    public static OffersConfig fromEnv(Map<String, String> env) {
        EnvReader reader = new EnvReader(env);
        ApiKeys keys = reader.apiKeys();
        String stream = reader.required(EnvVars.EVENTS_STREAM_NAME);
        String placementsJson = reader.required(EnvVars.PLACEMENTS_JSON);
        String prefix = env.getOrDefault(EnvVars.MODEL_FUNCTION_PREFIX, ModelFunctions.DEFAULT_PREFIX);
        reader.failOnProblems("offers API");
        return new OffersConfig(keys, stream, Placements.parse(placementsJson), prefix);
    }
}
