package io.playerlens.models.runtime;

import io.playerlens.contracts.offers.Placement;
import io.playerlens.contracts.offers.Placements;
import io.playerlens.models.descriptor.DescriptorParser;
import io.playerlens.models.descriptor.ModelDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@code models/} folder as one unit: every model folder loaded as {@code model check} loads it (descriptor, model
 * file, warm-up) and {@code placements.json} checked against them. The CDK app (synth), {@code model check} and
 * {@code model promote} all go through here, so a model that would not serve cannot be synthesised or routed.
 */
public final class ModelFolders {
    /** The time the offers API needs around a model's own budget to call it (invoke, network, JSON). */
    public static final int INVOKE_ALLOWANCE_MS = 10;

    private ModelFolders() {
    }

    /**
     * The folders and what is wrong with them.
     *
     * @param models each loadable model by name
     * @param problems every problem found: a model that fails its check, a folder named unlike its model, a variant
     *     routed to a model without a folder or to a placement its descriptor does not list, a model budget that does not
     *     fit the placement's
     */
    public record Check(Map<String, LoadedModel> models, Placements placements, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** The folders under {@code modelsDir} that hold a {@code model.json}, by name. */
    public static List<Path> folders(Path modelsDir) {
        if (!Files.isDirectory(modelsDir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(modelsDir)) {
            return children.filter(f -> Files.isRegularFile(f.resolve(DescriptorParser.FILE))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + modelsDir, e);
        }
    }

    public static Check check(Path modelsDir) {
        List<String> problems = new ArrayList<>();
        Placements placements;
        try {
            placements = Placements.readDeclared(modelsDir);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            placements = Placements.parse("{}");
        }
        Map<String, LoadedModel> models = new LinkedHashMap<>();
        for (Path folder : folders(modelsDir)) {
            try {
                LoadedModel model = LoadedModel.load(folder);
                if (!model.descriptor().name().equals(folder.getFileName().toString())) {
                    problems.add(folder + ": the folder must be named after its model (" + model.descriptor().name() + ")");
                }
                models.put(folder.getFileName().toString(), model);
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
            }
        }
        problems.addAll(routingProblems(placements, models, modelsDir));
        return new Check(models, placements, List.copyOf(problems));
    }

    private static List<String> routingProblems(Placements placements, Map<String, LoadedModel> models, Path modelsDir) {
        List<String> problems = new ArrayList<>();
        for (Placement placement : placements.all().values()) {
            for (Placement.Variant variant : placement.variants()) {
                LoadedModel model = models.get(variant.model());
                String where = Placements.FILE + ": " + placement.name() + " variant " + variant.variant() + " routes to model " + variant.model();
                if (model == null) {
                    problems.add(where + ", which has no loadable folder with a model.json under " + modelsDir);
                    continue;
                }
                ModelDescriptor d = model.descriptor();
                if (!d.placements().contains(placement.name())) {
                    problems.add(where + ", whose model.json does not list placement " + placement.name());
                }
                long room = placement.budget().toMillis() - INVOKE_ALLOWANCE_MS;
                if (d.latencyBudget().toMillis() > room) {
                    problems.add(where + ": its latency_budget_ms " + d.latencyBudget().toMillis() + " does not fit the placement's budget_ms "
                            + placement.budget().toMillis() + " (the game waits budget_ms; the call takes up to " + INVOKE_ALLOWANCE_MS
                            + " ms of it, so the model has " + room + " ms): lower latency_budget_ms or raise budget_ms");
                }
            }
        }
        return problems;
    }
}
