package io.playerlens.local.models;

import io.playerlens.contracts.event.PlayerKey;
import io.playerlens.contracts.offers.FallbackReason;
import io.playerlens.contracts.offers.ModelAnswer;
import io.playerlens.models.runtime.LoadedModel;
import io.playerlens.models.runtime.ModelFolders;
import io.playerlens.models.runtime.ModelService;
import io.playerlens.models.runtime.ProfileSource;
import io.playerlens.offers.ModelInvoker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every model folder found in the models directory, loaded and served in process — what one Lambda per model does
 * on AWS. A folder whose descriptor or model is broken is reported and skipped, so its placement falls back.
 */
public final class LocalModels implements ModelInvoker {
    private static final Logger LOG = LoggerFactory.getLogger(LocalModels.class);

    private final Map<String, ModelService> services;
    private final Map<String, String> problems;
    /** Like Lambda's concurrency: each request gets a thread of its own (the profile read blocks on DynamoDB). */
    private final ExecutorService invocations = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "local-model-invocation");
        t.setDaemon(true);
        return t;
    });

    private LocalModels(Map<String, ModelService> services, Map<String, String> problems) {
        this.services = Map.copyOf(services);
        this.problems = Map.copyOf(problems);
    }

    public static LocalModels load(Path modelsDir, ProfileSource profiles) {
        Map<String, ModelService> services = new LinkedHashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        for (Path folder : ModelFolders.folders(modelsDir)) {
            try {
                LoadedModel model = LoadedModel.load(folder);
                services.put(model.descriptor().name(), new ModelService(model, profiles));
            } catch (RuntimeException e) {
                problems.put(folder.getFileName().toString(), e.getMessage());
                LOG.error("model folder {} not served: {}", folder, e.getMessage());
            }
        }
        return new LocalModels(services, problems);
    }

    public Map<String, ModelService> services() {
        return services;
    }

    /** Folder → why it is not served. */
    public Map<String, String> problems() {
        return problems;
    }

    @Override
    public ModelAnswer invoke(String model, PlayerKey player, String placement, Duration budget) {
        ModelService service = services.get(model);
        if (service == null) {
            return ModelAnswer.failed(model, null, FallbackReason.MODEL_NOT_DEPLOYED);
        }
        CompletableFuture<ModelAnswer> answer = CompletableFuture.supplyAsync(() -> service.answer(player, placement), invocations);
        try {
            return answer.get(budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return ModelAnswer.failed(model, service.descriptor().version(), FallbackReason.MODEL_TIMEOUT);
        } catch (ExecutionException e) {
            return ModelAnswer.failed(model, service.descriptor().version(), FallbackReason.MODEL_ERROR);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ModelAnswer.failed(model, service.descriptor().version(), FallbackReason.MODEL_TIMEOUT);
        }
    }
}
