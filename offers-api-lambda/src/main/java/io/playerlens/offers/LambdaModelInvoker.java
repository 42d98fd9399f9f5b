package io.playerlens.offers;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.playerlens.contracts.event.PlayerKey;
import io.playerlens.contracts.offers.FallbackReason;
import io.playerlens.contracts.offers.ModelAnswer;
import io.playerlens.contracts.offers.ModelFunctions;
import io.playerlens.contracts.offers.ModelRequest;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** Invokes a model's Lambda ({@code prefix + model}, alias {@code live}) synchronously within the budget. */
public final class LambdaModelInvoker implements ModelInvoker {
    private static final Logger LOG = LoggerFactory.getLogger(LambdaModelInvoker.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final LambdaClient lambda;
    private final String functionPrefix;

    public LambdaModelInvoker(LambdaClient lambda, String functionPrefix) {
        this.lambda = lambda;
        this.functionPrefix = functionPrefix;
    }

    @Override
    public ModelAnswer invoke(String model, PlayerKey player, String placement, Duration budget) {
        try {
            byte[] payload = MAPPER.writeValueAsBytes(new ModelRequest(player, placement).toJson());
            InvokeResponse response = lambda.invoke(b -> b.functionName(functionPrefix + model).qualifier(ModelFunctions.ALIAS)
                    .payload(SdkBytes.fromByteArray(payload))
                    .overrideConfiguration(c -> c.apiCallTimeout(budget)));
            if (response.functionError() != null) {
                LOG.error("model {} failed: {} {}", model, response.functionError(), response.payload().asUtf8String());
                return ModelAnswer.failed(model, null, FallbackReason.MODEL_ERROR);
            }
            return ModelAnswer.fromJson(MAPPER.readTree(response.payload().asByteArray()));
        } catch (ResourceNotFoundException e) {
            return ModelAnswer.failed(model, null, FallbackReason.MODEL_NOT_DEPLOYED);
        } catch (ApiCallTimeoutException e) {
            return ModelAnswer.failed(model, null, FallbackReason.MODEL_TIMEOUT);
        } catch (SdkException | IOException e) {
            LOG.error("model {} could not be invoked", model, e);
            return ModelAnswer.failed(model, null, FallbackReason.MODEL_ERROR);
        }
    }
}
