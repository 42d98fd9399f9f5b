package io.playerlens.models;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playerlens.contracts.config.EnvVars;
import io.playerlens.contracts.offers.ModelAnswer;
import io.playerlens.store.AwsClients;
import io.playerlens.lambda.EnvReader;
import io.playerlens.store.ProfileStore;
import io.playerlens.models.runtime.LoadedModel;
import io.playerlens.models.runtime.ModelService;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The generic model Lambda: one deployment per model, its folder packaged beside the code ({@code MODEL_DIR}).
 * Input {@code {"player_id", "placement"}}; output a {@link ModelAnswer}. The model loads and warms up during
 * init (and before a SnapStart snapshot), not on the first request.
 */
public final class ModelHandler implements RequestHandler<Map<String, String>, Map<String, Object>> {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ModelService service;

    public ModelHandler() {
        this(System.getenv());
    }

    public ModelHandler(Map<String, String> env) {
        EnvReader reader = new EnvReader(env);
        String table = reader.required(EnvVars.PROFILES_TABLE_NAME);
        reader.failOnProblems("model");
        Path folder = Path.of(env.getOrDefault(EnvVars.MODEL_DIR, Path.of(env.getOrDefault("LAMBDA_TASK_ROOT", "."), "model").toString()));
        DynamoDbClient dynamo = AwsClients.dynamoDb(env);
        this.service = new ModelService(LoadedModel.load(folder),
                playerId -> ProfileStore.features(dynamo, table, playerId));
    }

    ModelHandler(ModelService service) {
        this.service = service;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(Map<String, String> request, Context context) {
        ModelAnswer answer = service.answer(request.get("player_id"), request.get("placement"));
        return MAPPER.convertValue(answer.toJson(), Map.class);
    }
}
