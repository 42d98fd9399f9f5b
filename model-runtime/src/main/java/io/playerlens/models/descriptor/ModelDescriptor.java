package io.playerlens.models.descriptor;

import io.playerlens.contracts.offers.Offer;
import io.playerlens.contracts.profile.FeatureCatalog;
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
 * @param modelFile the ONNX file (kind ONNX; null when each offer has its own)
 * @param offerModelFiles one ONNX file per offer, by offer id: a propensity model per offer (per-offer scoring); empty
 *     otherwise
 * @param className the {@link io.playerlens.models.runtime.OfferModel} class (kind JAVA)
 * @param features what the model reads, in input order: profile features and (per-offer scoring) offer attributes
 * @param offers the candidate offers
 * @param output which ONNX output holds the scores and what they score (kind ONNX; null for JAVA)
 * @param topK how many offers to return
 * @param latencyBudget past this the request falls back to the placement's default offers
 * @param defaultOffers offer ids served when the model cannot answer
 * @param folder where the descriptor was read from
 */
public record ModelDescriptor(String name, String version, List<String> placements, Kind kind, Path modelFile,
                              java.util.Map<String, Path> offerModelFiles, String className,
                              List<FeatureInput> features, List<Offer> offers, Output output, int topK, Duration latencyBudget,
                              List<String> defaultOffers, Path folder) {

    public enum Kind { ONNX, JAVA }

    /** Where a feature's value comes from: the player's profile, or the candidate offer being scored. */
    public enum Source { PROFILE, OFFER }

    /**
     * One value fed to the model.
     *
     * @param name a profile feature ({@link FeatureCatalog}) or, from an offer, one of {@link OfferAttributes}
     * @param source profile or offer
     * @param input the ONNX input it feeds (null: the model's only input, or the input of the same name)
     * @param missing the number used when a numeric profile feature is absent (NaN allowed: tree models handle it)
     * @param missingText the text used when a text feature is absent
     * @param scale the divisor applied to a numeric value (the scale the model was trained on; 1 when absent)
     */
    public record FeatureInput(String name, Source source, String input, double missing, String missingText, double scale) {
        /** A numeric profile feature feeding the model's only input. */
        public static FeatureInput profile(String name, double missing, double scale) {
            return new FeatureInput(name, Source.PROFILE, null, missing, null, scale);
        }

        public FeatureCatalog.Kind valueKind() {
            return source == Source.OFFER ? OfferAttributes.kind(name) : FeatureCatalog.kind(name);
        }

        /** How the descriptor names it: {@code coins_balance} or {@code offer.price_cents}. */
        public String label() {
            return source == Source.OFFER ? "offer." + name : name;
        }
    }

    /** How an ONNX model's output is read. */
    public enum Scoring {
        /** One row per request (the player's features); each offer's score is a column or a map key of the output. */
        PER_PLAYER,
        /** One row per candidate offer (the player's and the offer's features); the score is the probability of one class. */
        PER_OFFER
    }

    /**
     * The output that holds scores.
     *
     * @param name the ONNX output
     * @param scoring per player (one score per offer) or per offer (one row per candidate)
     * @param offers PER_PLAYER: the offer scored by each class, in the order of {@code classes}
     * @param classes PER_PLAYER: each offer's class: a column index for a tensor, a key for a map (ZipMap); null when the
     *     descriptor lists offers in column order (tensors) or the map's keys are the offer ids
     * @param positiveClass PER_OFFER: the class whose probability is the score (a column index or a map key); null when
     *     the output has one score per row
     */
    public record Output(String name, Scoring scoring, List<String> offers, List<String> classes, String positiveClass) {
        public boolean positional() {
            return classes == null;
        }
    }

    public List<Offer> defaults() {
        return defaultOffers.stream().map(this::offer).toList();
    }

    public Offer offer(String offerId) {
        return offers.stream().filter(o -> o.offerId().equals(offerId)).findFirst().orElseThrow();
    }

    /** The profile features read, in descriptor order (no offer attributes). */
    public List<FeatureInput> profileFeatures() {
        return features.stream().filter(f -> f.source() == Source.PROFILE).toList();
    }
}
