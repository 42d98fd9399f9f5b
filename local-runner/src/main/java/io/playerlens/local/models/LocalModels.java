package io.playerlens.local.models;

import io.playerlens.contracts.event.PlayerKey;
import io.playerlens.contracts.offers.FallbackReason;
import io.playerlens.contracts.offers.ModelAnswer;
import io.playerlens.models.runtime.LoadedModel;
import io.playerlens.models.runtime.ModelFolders;
import io.playerlens.models.runtime.ModelService;
import io.playerlens.models.runtime.ProfileSource;
import io.playerlens.offers.ModelInvoker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every model folder found in the models directory, loaded and served in process — what one Lambda per model does
 * on AWS. A folder whose descriptor or model is broken is reported and skipped, so its placement falls back.
 * {@link #watch} reloads a folder when its files change (no restart): an edit that loads replaces the model; one that
 * does not is reported and the previous version keeps serving; a removed folder stops being served.
 */
public final class LocalModels implements ModelInvoker, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalModels.class);
    /** A replaced model is closed this long after the swap, once any request still running on it has ended. */
    private static final Duration RETIRE_AFTER = Duration.ofSeconds(10);
    /** The player of the warm-up request: a game id no tenant has (they are configured names), so no profile is found. */
    private static final PlayerKey WARM_UP = PlayerKey.of("playerlens-warm-up", "warm-up");

    private final Path modelsDir;
    private final ProfileSource profiles;
    private volatile Map<String, ModelService> services = Map.of();
    private volatile Map<String, String> problems = Map.of();
    private final Map<String, String> fingerprints = new HashMap<>();
    /**
     * Like a function's concurrency on Lambda: each model runs at most this many requests at once, each on a thread of
     * its own (the profile read blocks on DynamoDB); one more is refused at once, as Lambda throttles, and the placement
     * falls back. A request past its budget keeps its thread until it ends, as an invocation runs on after its caller
     * gave up. Unbounded, a slow store piled up thousands of such threads (6,457 in one bench run).
     */
    static final int MODEL_CONCURRENCY = 64;
    private final Map<String, ExecutorService> invocations = new ConcurrentHashMap<>();
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "local-models-watch");
        t.setDaemon(true);
        return t;
    });

    private LocalModels(Path modelsDir, ProfileSource profiles) {
        this.modelsDir = modelsDir;
        this.profiles = profiles;
    }

    public static LocalModels load(Path modelsDir, ProfileSource profiles) {
        LocalModels models = new LocalModels(modelsDir, profiles);
        models.reload();
        return models;
    }

    /** Checks the folders for changes every {@code interval} from now on. */
    public LocalModels watch(Duration interval) {
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                reload();
            } catch (RuntimeException e) {
                LOG.error("reloading the model folders under {} failed", modelsDir, e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Loads every folder whose files changed since the last look; returns the folders (re)loaded, failed or removed. */
    public synchronized List<String> reload() {
        Map<String, String> now = new HashMap<>();
        for (Path folder : ModelFolders.folders(modelsDir)) {
            now.put(folder.getFileName().toString(), fingerprint(folder));
        }
        Map<String, ModelService> nextServices = new LinkedHashMap<>(services);
        Map<String, String> nextProblems = new LinkedHashMap<>(problems);
        List<String> changed = new ArrayList<>();
        for (String folder : new TreeSet<>(now.keySet())) {
            if (now.get(folder).equals(fingerprints.get(folder))) {
                continue;
            }
            changed.add(folder);
            fingerprints.put(folder, now.get(folder));
            try {
                LoadedModel model = LoadedModel.load(modelsDir.resolve(folder));
                ModelService service = new ModelService(model, profiles);
                warmUp(service);
                ModelService previous = nextServices.put(model.descriptor().name(), service);
                nextProblems.remove(folder);
                if (previous != null) {
                    retire(previous);
                    LOG.info("model {} reloaded: version {}", model.descriptor().name(), model.descriptor().version());
                }
            } catch (RuntimeException e) {
                nextProblems.put(folder, e.getMessage());
                LOG.error("model folder {} not served{}: {}", folder, nextServices.containsKey(folder) ? " (its previous version still is)" : "",
                        e.getMessage());
            }
        }
        for (String gone : new ArrayList<>(fingerprints.keySet())) {
            if (!now.containsKey(gone)) {
                changed.add(gone);
                fingerprints.remove(gone);
                nextProblems.remove(gone);
                ModelService removed = nextServices.remove(gone);
                if (removed != null) {
                    retire(removed);
                    LOG.info("model {} removed: its folder is gone", gone);
                }
            }
        }
        services = Map.copyOf(nextServices);
        problems = Map.copyOf(nextProblems);
        return changed;
    }

    /**
     * One request for a player no game has, on the model's own pool, as the model starts taking traffic: a warm Lambda
     * has its threads, its connection to the store and its read path loaded. Cold, the first request of a fresh
     * process took 35 ms of a 60 ms budget on this machine (thread, connection, classes), and a busy machine tipped it
     * into a fallback. It does not hold up loading (a store that hangs would); its answer, profile not found, is dropped.
     */
    private void warmUp(ModelService service) {
        String name = service.descriptor().name();
        try {
            invocations.computeIfAbsent(name, LocalModels::pool).execute(() -> service.answer(WARM_UP, service.descriptor().placements().get(0)));
        } catch (RejectedExecutionException e) {
            LOG.debug("model {}: no thread free for a warm-up request; it serves anyway", name);
        }
    }

    private void retire(ModelService service) {
        housekeeping.schedule(service::close, RETIRE_AFTER.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Names, sizes and modification times of every file in the folder. */
    private static String fingerprint(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            StringBuilder fp = new StringBuilder();
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                fp.append(folder.relativize(f)).append(':').append(Files.size(f)).append(':').append(Files.getLastModifiedTime(f).toMillis())
                        .append(';');
            }
            return fp.toString();
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    private static ExecutorService pool(String model) {
        return new ThreadPoolExecutor(0, MODEL_CONCURRENCY, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "local-model-" + model);
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    public Map<String, ModelService> services() {
        return services;
    }

    /** Folder → why it is not served (or, for an edit that does not load, why its previous version still is). */
    public Map<String, String> problems() {
        return problems;
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
        invocations.values().forEach(ExecutorService::shutdownNow);
        services.values().forEach(ModelService::close);
    }

    @Override
    public ModelAnswer invoke(String model, PlayerKey player, String placement, Duration budget) {
        ModelService service = services.get(model);
        if (service == null) {
            return ModelAnswer.failed(model, null, FallbackReason.MODEL_NOT_DEPLOYED);
        }
        CompletableFuture<ModelAnswer> answer;
        try {
            answer = CompletableFuture.supplyAsync(() -> service.answer(player, placement), invocations.computeIfAbsent(model, LocalModels::pool));
        } catch (RejectedExecutionException throttled) {
            LOG.warn("model {} throttled: {} requests already running", model, MODEL_CONCURRENCY);
            return ModelAnswer.failed(model, service.descriptor().version(), FallbackReason.MODEL_ERROR);
        }
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
