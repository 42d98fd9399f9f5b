package io.playerlens.models.runtime;

import io.playerlens.contracts.offers.ScoredOffer;
import io.playerlens.models.descriptor.DescriptorException;
import io.playerlens.models.descriptor.DescriptorParser;
import io.playerlens.models.descriptor.ModelDescriptor;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/** A model folder loaded and ready: descriptor, model, and the ranking every request goes through. */
public final class LoadedModel {
    private final ModelDescriptor descriptor;
    private final OfferModel model;
    private final long loadMillis;

    LoadedModel(ModelDescriptor descriptor, OfferModel model, long loadMillis) {
        this.descriptor = descriptor;
        this.model = model;
        this.loadMillis = loadMillis;
    }

    /** Reads the descriptor, loads the model, checks it against the descriptor and warms it up with one inference. */
    public static LoadedModel load(Path folder) {
        long started = System.nanoTime();
        ModelDescriptor descriptor = DescriptorParser.read(folder);
        OfferModel model = descriptor.kind() == ModelDescriptor.Kind.ONNX ? new OnnxOfferModel(descriptor) : javaModel(descriptor);
        LoadedModel loaded = new LoadedModel(descriptor, model, 0);
        try {
            loaded.rank(new ModelInput("warm-up", descriptor.placements().get(0), Map.of(), FeatureVectors.assemble(descriptor, Map.of()),
                    descriptor.offers()));
        } catch (ModelOutputException e) {
            throw new DescriptorException(folder.toString(), List.of(e.getMessage()));
        } catch (Exception e) {
            throw new DescriptorException(folder.toString(), List.of("the model fails on a profile with every feature missing: " + e));
        }
        return new LoadedModel(descriptor, model, (System.nanoTime() - started) / 1_000_000);
    }

    private static OfferModel javaModel(ModelDescriptor descriptor) {
        try {
            Class<?> type = Class.forName(descriptor.className());
            if (!OfferModel.class.isAssignableFrom(type)) {
                throw new DescriptorException(descriptor.folder().toString(), List.of("class " + descriptor.className()
                        + " does not implement " + OfferModel.class.getName()));
            }
            return (OfferModel) type.getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new DescriptorException(descriptor.folder().toString(), List.of("class " + descriptor.className() + " is not on the classpath"));
        } catch (ReflectiveOperationException e) {
            throw new DescriptorException(descriptor.folder().toString(), List.of("class " + descriptor.className()
                    + " needs a public no-arg constructor: " + e));
        }
    }

    /** The model's offers for this input: scored, best first, the descriptor's top-k. */
    public List<ScoredOffer> rank(ModelInput input) throws Exception {
        return model.score(input).stream()
                .sorted(Comparator.comparingDouble(ScoredOffer::score).reversed())
                .limit(descriptor.topK())
                .toList();
    }

    /** Every candidate's score, unsorted and uncut, as the model gives them: what a notebook's predictions compare with. */
    public List<ScoredOffer> scores(ModelInput input) throws Exception {
        return model.score(input);
    }

    /** Releases the model's resources (an ONNX session); a Java model has none. */
    public void close() {
        if (model instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LoggerFactory.getLogger(LoadedModel.class).warn("closing model {} failed", descriptor.name(), e);
            }
        }
    }

    public ModelDescriptor descriptor() {
        return descriptor;
    }

    public long loadMillis() {
        return loadMillis;
    }
}
