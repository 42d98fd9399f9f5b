package io.playerlens.models.runtime;

import io.playerlens.contracts.offers.Offer;
import io.playerlens.models.descriptor.ModelDescriptor;
import io.playerlens.models.descriptor.OfferAttributes;
import java.util.List;
import java.util.Map;

/**
 * Builds what a model is fed from a profile (and, scoring per offer, a candidate offer): the descriptor's features in
 * order. A number is divided by its scale; a missing or wrongly typed value, or a number no float holds once scaled,
 * takes its fill value (not scaled: it is given in the model's units). Text features stay text.
 */
public final class FeatureVectors {
    private FeatureVectors() {
    }

    /** The numeric profile features as floats, in order (a text feature is NaN): what Java models get. */
    public static float[] assemble(ModelDescriptor descriptor, Map<String, Object> features) {
        double[] values = assembleDoubles(descriptor, features);
        float[] vector = new float[values.length];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) values[i];
        }
        return vector;
    }

    /** The same vector in double precision, as training uses it: scaled values, {@code missing} for absent ones. */
    public static double[] assembleDoubles(ModelDescriptor descriptor, Map<String, Object> features) {
        List<ModelDescriptor.FeatureInput> inputs = descriptor.profileFeatures();
        double[] vector = new double[inputs.size()];
        for (int i = 0; i < vector.length; i++) {
            Object value = value(inputs.get(i), features, null);
            vector[i] = value instanceof Double d ? d : Double.NaN;
        }
        return vector;
    }

    /** Every feature of the descriptor in order, a {@link Double} or a {@link String}; {@code offer} is null scoring per player. */
    public static Object[] values(ModelDescriptor descriptor, Map<String, Object> features, Offer offer) {
        Object[] values = new Object[descriptor.features().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(descriptor.features().get(i), features, offer);
        }
        return values;
    }

    private static Object value(ModelDescriptor.FeatureInput input, Map<String, Object> features, Offer offer) {
        Object raw = input.source() == ModelDescriptor.Source.OFFER ? OfferAttributes.value(offer, input.name()) : features.get(input.name());
        if (input.missingText() != null || (input.source() == ModelDescriptor.Source.OFFER && raw instanceof String)) {
            return raw instanceof String text ? text : input.missingText();
        }
        double scaled = raw instanceof Number n ? n.doubleValue() / input.scale() : Double.NaN;
        // A value a float input cannot hold (a stored 1e300, say) is treated as missing, never fed as Infinity.
        return Double.isFinite(scaled) && Math.abs(scaled) <= Float.MAX_VALUE ? scaled : input.missing();
    }
}
