package io.playerlens.models.runtime;

import io.playerlens.contracts.event.PlayerKey;
import io.playerlens.contracts.offers.FallbackReason;
import io.playerlens.contracts.offers.ModelAnswer;
import io.playerlens.models.descriptor.ModelDescriptor;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers for one model: reads the profile, assembles the features, runs the model within its latency budget.
 * Never throws: every failure becomes a {@link ModelAnswer} with a machine-readable reason, and the caller
 * serves the placement's default offers.
 */
public final class ModelService {
    private static final Logger LOG = LoggerFactory.getLogger(ModelService.class);

    private final LoadedModel model;
    private final ProfileSource profiles;
    private final ExecutorService inference;

    public ModelService(LoadedModel model, ProfileSource profiles) {
        this.model = model;
        this.profiles = profiles;
        // Inference runs on its own threads so a slow model can be abandoned at its budget.
        this.inference = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(null, r, "model-" + model.descriptor().name(), 8L * 1024 * 1024);
            t.setDaemon(true);
            return t;
        });
    }

    /** Stops its threads and releases the model (an ONNX session's native memory); for a model replaced or removed. */
    public void close() {
        inference.shutdown();
        model.close();
    }

    public ModelDescriptor descriptor() {
        return model.descriptor();
    }

    public ModelAnswer answer(PlayerKey player, String placement) {
        ModelDescriptor d = model.descriptor();
        if (!d.placements().contains(placement)) {
            return ModelAnswer.failed(d.name(), d.version(), FallbackReason.PLACEMENT_NOT_SERVED);
        }
        Optional<Map<String, Object>> features;
        try {
            features = profiles.features(player);
        } catch (RuntimeException e) {
            LOG.error("model {}: profile read failed for {}", d.name(), player, e);
            return ModelAnswer.failed(d.name(), d.version(), FallbackReason.MODEL_ERROR);
        }
        if (features.isEmpty()) {
            return ModelAnswer.failed(d.name(), d.version(), FallbackReason.PROFILE_NOT_FOUND);
        }
        ModelInput input = new ModelInput(player.playerId(), placement, features.get(), FeatureVectors.assemble(d, features.get()), d.offers());
        Future<ModelAnswer> running = inference.submit(() -> {
            java.util.List<io.playerlens.contracts.offers.ScoredOffer> ranked = model.rank(input);
            if (ranked.stream().anyMatch(o -> !Double.isFinite(o.score()))) {
                LOG.error("model {} returned a score that is not a finite number for {}: {}", d.name(), player, ranked);
                return ModelAnswer.failed(d.name(), d.version(), FallbackReason.MODEL_ERROR);
            }
            return ModelAnswer.ok(d.name(), d.version(), ranked);
        });
        try {
            return running.get(d.latencyBudget().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            LOG.warn("model {} overran its {} ms budget for {}", d.name(), d.latencyBudget().toMillis(), player);
            return ModelAnswer.failed(d.name(), d.version(), FallbackReason.MODEL_TIMEOUT);
        } catch (ExecutionException e) {
            LOG.error("model {} failed for {}", d.name(), player, e.getCause());
            return ModelAnswer.failed(d.name(), d.version(), FallbackReason.MODEL_ERROR);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ModelAnswer.failed(d.name(), d.version(), FallbackReason.MODEL_TIMEOUT);
        }
    }
}
