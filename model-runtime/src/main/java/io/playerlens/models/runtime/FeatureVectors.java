package io.playerlens.models.runtime;

import io.playerlens.models.descriptor.ModelDescriptor;
import java.util.Map;

/**
 * Builds a model's input vector from a profile: the descriptor's features in order, each divided by its scale;
 * a missing or non-numeric feature, or one no float holds once scaled, takes its fill value (not scaled: it is given
 * in the model's units).
 */
public final class FeatureVectors {
    private FeatureVectors() {
    }

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
        double[] vector = new double[descriptor.features().size()];
        for (int i = 0; i < vector.length; i++) {
            ModelDescriptor.FeatureInput input = descriptor.features().get(i);
            Object value = features.get(input.name());
            double scaled = value instanceof Number n ? n.doubleValue() / input.scale() : Double.NaN;
            // A value a float input cannot hold (a stored 1e300, say) is treated as missing, never fed as Infinity.
            vector[i] = Double.isFinite(scaled) && Math.abs(scaled) <= Float.MAX_VALUE ? scaled : input.missing();
        }
        return vector;
    }
}
