package io.playerlens.models;

import io.playerlens.contracts.config.EnvVars;
import io.playerlens.lambda.EnvReader;
import java.nio.file.Path;
import java.util.Map;

/** The model Lambda's configuration, read once per container: the profiles table and the model folder. */
public record ModelConfig(String profilesTable, Path modelFolder) {

    /** @throws IllegalStateException naming every missing or invalid variable */
    public static ModelConfig fromEnv(Map<String, String> env) {
        EnvReader reader = new EnvReader(env);
        String table = reader.required(EnvVars.PROFILES_TABLE_NAME);
        reader.failOnProblems("model");
        Path folder = Path.of(env.getOrDefault(EnvVars.MODEL_DIR, Path.of(env.getOrDefault("LAMBDA_TASK_ROOT", "."), "model").toString()));
        return new ModelConfig(table, folder);
    }
}
