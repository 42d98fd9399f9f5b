package io.playerlens.models.descriptor;

import io.playerlens.contracts.offers.Offer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A model as a data scientist describes it in {@code model.json}, validated ({@link DescriptorParser}).
 *
 * @param name the model's name (also its Lambda's name suffix)
 * @param version free text, shown in every response
 * @param placements where the model may be served (e.g. {@code store})
 * @param kind ONNX file or Java class
 * @param modelFile the ONNX file (kind ONNX)
 * @param className the {@link io.playerlens.models.runtime.OfferModel} class (kind JAVA)
 * @param features the profile features the model reads, in input order, each with its fill value
 * @param offers the candidate offers
 * @param outputName the ONNX output to read (kind ONNX)
 * @param outputOffers the offer id of each output score, in output order (kind ONNX)
 * @param topK how many offers to return
 * @param latencyBudget past this the request falls back to the placement's default offers
 * @param defaultOffers offer ids served when the model cannot answer
 * @param folder where the descriptor was read from
 */
public record ModelDescriptor(String name, String version, List<String> placements, Kind kind, Path modelFile, String className,
                              List<FeatureInput> features, List<Offer> offers, String outputName, List<String> outputOffers,
                              int topK, Duration latencyBudget, List<String> defaultOffers, Path folder) {

    public enum Kind { ONNX, JAVA }

    /**
     * A feature input: the value used when the profile lacks it, and the divisor applied to the profile value
     * (the scale the model was trained on; 1 when absent).
     */
    public record FeatureInput(String name, double missing, double scale) {
    }

    public List<Offer> defaults() {
        return defaultOffers.stream().map(id -> offers.stream().filter(o -> o.offerId().equals(id)).findFirst().orElseThrow()).toList();
    }
}
