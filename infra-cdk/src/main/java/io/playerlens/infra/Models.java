package io.playerlens.infra;

import io.playerlens.contracts.offers.Placement;
import io.playerlens.contracts.offers.Placements;
import io.playerlens.models.descriptor.DescriptorParser;
import io.playerlens.models.descriptor.ModelDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/**
 * The deployed models, derived — never declared in Java: one {@link ModelStack} per folder under {@code models/} that
 * holds a {@code model.json} (its descriptor is validated at synth: its latency budget is the stack's), registered as
 * the variants {@code models/placements.json} routes to it (weights in percent, adding up to 100 per placement). A data
 * scientist adds a folder and a variant line, then deploys only that stack:
 * {@code ./playerlens cdk deploy PlayerlensModel-NAME}.
 */
final class Models {
    static final Path DIR = Path.of("..", "models");

    private Models() {
    }

    static void addTo(App app, StackProps env) {
        props(DIR).forEach(props -> new ModelStack(app, env, props));
    }

    /**
     * Every model folder's deployment.
     *
     * @throws IllegalArgumentException naming every inconsistency: an invalid descriptor, a folder named unlike its
     *     model, a variant routed to a model without a folder, or to a placement its descriptor does not list
     */
    static List<ModelStackProps> props(Path modelsDir) {
        Placements placements = Placements.readDeclared(modelsDir);
        Map<String, ModelDescriptor> descriptors = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Path folder : folders(modelsDir)) {
            try {
                ModelDescriptor descriptor = DescriptorParser.read(folder);
                if (!descriptor.name().equals(folder.getFileName().toString())) {
                    problems.add(folder + ": the folder must be named after its model (" + descriptor.name() + ")");
                }
                descriptors.put(folder.getFileName().toString(), descriptor);
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
            }
        }
        Map<String, ModelStackProps.Builder> builders = new TreeMap<>();
        descriptors.forEach((name, d) -> builders.put(name, ModelStackProps.model(name).latencyBudgetMillis((int) d.latencyBudget().toMillis())));
        for (Placement placement : placements.all().values()) {
            for (Placement.Variant variant : placement.variants()) {
                ModelDescriptor descriptor = descriptors.get(variant.model());
                if (descriptor == null) {
                    problems.add(Placements.FILE + ": " + placement.name() + " variant " + variant.variant() + " routes to model "
                            + variant.model() + ", which has no folder with a model.json under " + modelsDir);
                } else if (!descriptor.placements().contains(placement.name())) {
                    problems.add(Placements.FILE + ": " + placement.name() + " variant " + variant.variant() + " routes to model "
                            + variant.model() + ", whose model.json does not list placement " + placement.name());
                } else {
                    builders.get(variant.model()).register(placement.name(), variant.variant(), variant.weight());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("models cannot be deployed as they are: " + String.join("; ", problems));
        }
        return builders.values().stream().map(ModelStackProps.Builder::build).toList();
    }

    private static List<Path> folders(Path modelsDir) {
        if (!Files.isDirectory(modelsDir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(modelsDir)) {
            return children.filter(f -> Files.isRegularFile(f.resolve(DescriptorParser.FILE))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + modelsDir, e);
        }
    }
}
