package io.playerlens.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.playerlens.models.runtime.LoadedModel;
import io.playerlens.models.runtime.ModelService;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelHandlerTest {

    @Test
    void lambdaPayload_isTheModelAnswer() {
        ModelService service = new ModelService(LoadedModel.load(Path.of("..", "models", "starter-heuristic")),
                id -> Optional.of(Map.of("purchases_total", 0L)));
        Map<String, Object> response = new ModelHandler(service).handleRequest(Map.of("player_id", "p-1", "placement", "store"), null);

        assertThat(response).containsEntry("model", "starter-heuristic").containsEntry("model_version", "1").doesNotContainKey("failure");
        assertThat((List<?>) response.get("offers")).hasSize(3);
        assertThat(((Map<?, ?>) ((List<?>) response.get("offers")).get(0)).get("offer_id")).isEqualTo("starter_pack");
    }

    @Test
    void unknownPlayer_isAFailureInThePayload_notAnError() {
        ModelService service = new ModelService(LoadedModel.load(Path.of("..", "models", "starter-heuristic")), id -> Optional.empty());
        assertThat(new ModelHandler(service).handleRequest(Map.of("player_id", "p-1", "placement", "store"), null))
                .containsEntry("failure", "profile_not_found");
    }
}
