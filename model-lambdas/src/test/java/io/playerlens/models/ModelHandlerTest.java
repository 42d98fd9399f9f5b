package io.playerlens.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playerlens.contracts.event.PlayerKey;
import io.playerlens.contracts.offers.ModelAnswer;
import io.playerlens.contracts.offers.ModelRequest;
import io.playerlens.models.runtime.LoadedModel;
import io.playerlens.models.runtime.ModelService;
import io.playerlens.models.runtime.ProfileSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelHandlerTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode invoke(ProfileSource profiles, String payload) throws Exception {
        ModelService service = new ModelService(LoadedModel.load(Path.of("..", "models", "starter-heuristic")), profiles);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ModelHandler(service).handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out, null);
        return MAPPER.readTree(out.toByteArray());
    }

    @Test
    void lambdaPayload_isTheModelAnswer_forTheContractsRequest() throws Exception {
        JsonNode response = invoke(id -> Optional.of(Map.of("purchases_total", 0L)), new ModelRequest(PlayerKey.of("game-1", "p-1"), "store").toJson().toString());

        ModelAnswer answer = ModelAnswer.fromJson(response);
        assertThat(answer.model()).isEqualTo("starter-heuristic");
        assertThat(answer.modelVersion()).isEqualTo("1");
        assertThat(answer.succeeded()).isTrue();
        assertThat(answer.offers()).hasSize(3);
        assertThat(answer.offers().get(0).offer().offerId()).isEqualTo("starter_pack");
    }

    @Test
    void unknownPlayer_isAFailureInThePayload_notAnError() throws Exception {
        assertThat(invoke(id -> Optional.empty(), new ModelRequest(PlayerKey.of("game-1", "p-1"), "store").toJson().toString()).get("failure").asText())
                .isEqualTo("profile_not_found");
    }

    @Test
    void aMalformedRequest_orAnUnexpectedFailure_isAModelErrorAnswer_neverAFunctionError() throws Exception {
        assertThat(invoke(id -> Optional.empty(), "{\"player\": \"p-1\"}").get("failure").asText()).isEqualTo("model_error");
        assertThat(invoke(id -> Optional.empty(), "not json").get("failure").asText()).isEqualTo("model_error");
        assertThat(invoke(id -> {
            throw new IllegalStateException("table gone");
        }, new ModelRequest(PlayerKey.of("game-1", "p-1"), "store").toJson().toString()).get("failure").asText()).isEqualTo("model_error");
    }
}
