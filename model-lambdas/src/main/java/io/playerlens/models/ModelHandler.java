package io.playerlens.models;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playerlens.contracts.offers.FallbackReason;
import io.playerlens.contracts.offers.ModelAnswer;
import io.playerlens.contracts.offers.ModelRequest;
import io.playerlens.models.descriptor.ModelDescriptor;
import io.playerlens.models.runtime.LoadedModel;
import io.playerlens.models.runtime.ModelService;
import io.playerlens.store.AwsClients;
import io.playerlens.store.ProfileStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The generic model Lambda: one deployment per model, its folder packaged beside the code ({@code MODEL_DIR}).
 * Payload in: a {@link ModelRequest}; payload out: a {@link ModelAnswer} — always, so the offers API reads a reason
 * rather than a function error: a malformed request or an unexpected failure is an answer with
 * {@code failure: model_error}, logged with the request id. The model loads and warms up during init (and before a
 * SnapStart snapshot), not on the first request.
 */
public final class ModelHandler implements RequestStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ModelHandler.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ModelService service;

    /** The Lambda runtime's constructor. */
    public ModelHandler() {
        this(System.getenv());
    }

    /** The same wiring from an explicit environment: the profile table's client is built once, here. */
    public ModelHandler(Map<String, String> env) {
        this(ModelConfig.fromEnv(env), AwsClients.dynamoDb(env));
    }

    private ModelHandler(ModelConfig config, DynamoDbClient dynamo) {
        this(new ModelService(LoadedModel.load(config.modelFolder()),
                player -> ProfileStore.features(dynamo, config.profilesTable(), player)));
    }

    ModelHandler(ModelService service) {
        this.service = service;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        MAPPER.writeValue(output, answer(input, context).toJson());
    }

    ModelAnswer answer(InputStream input, Context context) {
        ModelDescriptor model = service.descriptor();
        String requestId = context != null && context.getAwsRequestId() != null ? context.getAwsRequestId() : UUID.randomUUID().toString();
        try {
            JsonNode json = MAPPER.readTree(input);
            Optional<ModelRequest> request = ModelRequest.fromJson(json);
            if (request.isEmpty()) {
                LOG.error("request {}: not a model request (needs a valid \"{}\" and \"{}\", and \"{}\"): {}", requestId,
                        ModelRequest.GAME_ID, ModelRequest.PLAYER_ID, ModelRequest.PLACEMENT, json);
                return ModelAnswer.failed(model.name(), model.version(), FallbackReason.MODEL_ERROR);
            }
            return service.answer(request.get().player(), request.get().placement());
        } catch (IOException | RuntimeException e) {
            LOG.error("request {}: model {} failed unexpectedly", requestId, model.name(), e);
            return ModelAnswer.failed(model.name(), model.version(), FallbackReason.MODEL_ERROR);
        }
    }
}
