package io.playerlens.models.runtime;

import ai.onnxruntime.MapInfo;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxMap;
import ai.onnxruntime.OnnxSequence;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.SequenceInfo;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import io.playerlens.contracts.offers.Offer;
import io.playerlens.contracts.offers.ScoredOffer;
import io.playerlens.contracts.profile.FeatureCatalog;
import io.playerlens.models.descriptor.DescriptorException;
import io.playerlens.models.descriptor.ModelDescriptor;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An ONNX model served with ONNX Runtime, in any of the shapes common exporters produce: one or several named inputs
 * (float, double, int64 or string tensors, as skl2onnx makes them from a ColumnTransformer), scores as a float or
 * double tensor ({@code [N, k]}, {@code [N]}) or as ZipMap's sequence of maps (skl2onnx's default, keyed by class), one
 * row per player (a score per offer) or one row per candidate offer (a binary classifier; the score is the positive
 * class's probability). Everything the descriptor says is checked against the graph when the model loads, and every
 * mismatch is reported as a {@link DescriptorException} naming the rule. The session is created once and warmed up.
 */
public final class OnnxOfferModel implements OfferModel, AutoCloseable {
    private static final Set<OnnxJavaType> NUMERIC_INPUTS = Set.of(OnnxJavaType.FLOAT, OnnxJavaType.DOUBLE, OnnxJavaType.INT64, OnnxJavaType.INT32);

    private final ModelDescriptor descriptor;
    private final ModelDescriptor.Output output;
    private final List<Offer> outputOffers;
    /** The model's graph; null when each offer has its own ({@link #perOffer}). */
    private final Graph graph;
    private final Map<String, Graph> perOffer = new LinkedHashMap<>();

    /** One ONNX input and the descriptor features that fill it, in order. */
    private record Feed(String input, OnnxJavaType type, int rank, int[] features) {
    }

    public OnnxOfferModel(ModelDescriptor descriptor) {
        this.descriptor = descriptor;
        this.output = descriptor.output();
        if (descriptor.offerModelFiles().isEmpty()) {
            graph = load(descriptor.modelFile(), "");
        } else {
            graph = null;
            List<String> problems = new ArrayList<>();
            for (Map.Entry<String, java.nio.file.Path> file : descriptor.offerModelFiles().entrySet()) {
                try {
                    perOffer.put(file.getKey(), load(file.getValue(), file.getValue().getFileName() + " (" + file.getKey() + "): "));
                } catch (DescriptorException e) {
                    problems.addAll(e.problems());
                }
            }
            if (!problems.isEmpty()) {
                closeQuietly();
                throw new DescriptorException(descriptor.folder().toString(), problems);
            }
        }
        outputOffers = output.offers().stream().map(descriptor::offer).toList();
    }

    private Graph load(java.nio.file.Path file, String prefix) {
        OrtSession session;
        try {
            session = OnnxEnvironment.get().createSession(file.toString(), new OrtSession.SessionOptions());
        } catch (OrtException e) {
            throw new DescriptorException(file.toString(), List.of(prefix + "ONNX Runtime cannot load it: " + e.getMessage()));
        }
        Graph g = new Graph(session);
        List<String> problems = new ArrayList<>();
        try {
            g.planInputs(problems);
            g.checkOutput(problems);
        } catch (OrtException e) {
            problems.add("ONNX Runtime cannot describe the model's inputs and outputs: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            g.closeQuietly();
            throw new DescriptorException(file.toString(), problems.stream().map(p -> prefix + p).toList());
        }
        return g;
    }

    /** One ONNX session and how the descriptor feeds it and reads it. */
    private final class Graph {
        private final OrtSession session;
        private final Set<String> outputNames = Set.of(output.name());
        private final List<Feed> feeds = new ArrayList<>();
        private boolean mapOutput;
        private boolean batchable = true;

        Graph(OrtSession session) {
            this.session = session;
        }

        private void planInputs(List<String> problems) throws OrtException {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            Map<String, List<Integer>> fed = new LinkedHashMap<>();
            inputs.keySet().forEach(name -> fed.put(name, new ArrayList<>()));
            for (int i = 0; i < descriptor.features().size(); i++) {
                ModelDescriptor.FeatureInput feature = descriptor.features().get(i);
                String target = feature.input() != null ? feature.input()
                        : inputs.size() == 1 ? inputs.keySet().iterator().next()
                        : inputs.containsKey(feature.name()) ? feature.name() : null;
                if (target == null) {
                    problems.add("features: '" + feature.label() + "' needs \"input\": the model has several inputs, " + describe(inputs));
                } else if (!inputs.containsKey(target)) {
                    problems.add("features: '" + feature.label() + "' feeds input '" + target + "', which the model does not have; its inputs are "
                            + describe(inputs));
                } else {
                    fed.get(target).add(i);
                }
            }
            for (Map.Entry<String, NodeInfo> entry : inputs.entrySet()) {
                String name = entry.getKey();
                if (!(entry.getValue().getInfo() instanceof TensorInfo tensor)) {
                    problems.add("the model's input " + name + " is " + typeOf(entry.getValue().getInfo()) + "; playerlens feeds tensors");
                    continue;
                }
                List<Integer> features = fed.get(name);
                long[] shape = tensor.getShape();
                if (features.isEmpty()) {
                    problems.add("the model's input " + name + " (" + typeOf(tensor) + ") is fed by no feature: add the features it takes,"
                            + " in its column order" + (inputs.size() > 1 ? ", each with \"input\": \"" + name + "\"" : ""));
                    continue;
                }
                checkInputType(name, tensor.type, features, problems);
                if (shape.length < 1 || shape.length > 2) {
                    problems.add("the model's input " + name + " has shape " + shapeText(shape) + "; playerlens feeds rows: [N, features] or [N]");
                    continue;
                }
                long width = shape.length == 2 ? shape[1] : 1;
                if (width > 0 && width != features.size()) {
                    problems.add("the model's input " + name + " takes " + width + " value(s) per row; the descriptor feeds it " + features.size()
                            + ": " + features.stream().map(i -> descriptor.features().get(i).label()).toList());
                }
                batchable &= shape[0] < 0;
                feeds.add(new Feed(name, tensor.type, shape.length, features.stream().mapToInt(Integer::intValue).toArray()));
            }
        }

        private void checkInputType(String input, OnnxJavaType type, List<Integer> features, List<String> problems) {
            boolean text = type == OnnxJavaType.STRING;
            if (!text && !NUMERIC_INPUTS.contains(type)) {
                problems.add("the model's input " + input + " takes " + type + "; playerlens feeds float, double, int64, int32 or string inputs");
                return;
            }
            for (int i : features) {
                ModelDescriptor.FeatureInput feature = descriptor.features().get(i);
                boolean textFeature = feature.valueKind() == FeatureCatalog.Kind.TEXT;
                if (textFeature && !text) {
                    problems.add("features: '" + feature.label() + "' is text, and input " + input + " takes " + type + " numbers: a text feature"
                            + " feeds a string input (encoded in the graph, e.g. skl2onnx's OneHotEncoder), or leave it out");
                } else if (!textFeature && text) {
                    problems.add("features: '" + feature.label() + "' is a number, and input " + input + " takes strings: feed it to a numeric input");
                } else if ((type == OnnxJavaType.INT64 || type == OnnxJavaType.INT32) && Double.isNaN(feature.missing())
                        && feature.source() == ModelDescriptor.Source.PROFILE) {
                    problems.add("features: '" + feature.label() + "' has \"missing\": NaN, and input " + input + " takes integers, which have no"
                            + " NaN: give a number");
                }
            }
        }

        private void checkOutput(List<String> problems) throws OrtException {
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            NodeInfo node = outputs.get(output.name());
            if (node == null) {
                problems.add("output.name " + output.name() + " is not an output of the model; its outputs are " + describe(outputs)
                        + scoreOutputsHint(outputs));
                return;
            }
            ValueInfo info = node.getInfo();
            if (info instanceof TensorInfo tensor && (tensor.type == OnnxJavaType.FLOAT || tensor.type == OnnxJavaType.DOUBLE)) {
                checkTensorOutput(tensor, problems);
            } else if (info instanceof SequenceInfo sequence && sequence.isSequenceOfMaps() && isScore(sequence.mapInfo.valueType)) {
                mapOutput = true;
                checkMapOutput(sequence.mapInfo, problems);
            } else if (info instanceof TensorInfo tensor && (tensor.type == OnnxJavaType.INT64 || tensor.type == OnnxJavaType.STRING
                    || tensor.type == OnnxJavaType.INT32)) {
                problems.add("output " + output.name() + " holds labels (" + typeOf(info) + "), the class the model picked, not scores: name the"
                        + " output of probabilities instead" + scoreOutputsHint(outputs));
            } else {
                problems.add("output " + output.name() + " is " + typeOf(info) + "; scores are read from a float or double tensor or from a"
                        + " sequence of maps (ZipMap)" + scoreOutputsHint(outputs));
            }
        }

        private void checkTensorOutput(TensorInfo tensor, List<String> problems) {
            long[] shape = tensor.getShape();
            if (shape.length < 1 || shape.length > 2) {
                problems.add("output " + output.name() + " has shape " + shapeText(shape) + "; scores are read as [N, k] or [N]");
                return;
            }
            long width = shape.length == 2 ? shape[1] : 1;
            if (output.scoring() == ModelDescriptor.Scoring.PER_OFFER) {
                if (output.positiveClass() == null && width != 1) {
                    problems.add("output " + output.name() + " gives " + (width > 0 ? width : "several") + " columns per row: set output.class to"
                            + " the positive class's column (1 for a binary classifier's [N, 2] probabilities)");
                } else if (output.positiveClass() != null) {
                    checkColumn(output.positiveClass(), width, "output.class", problems);
                }
                return;
            }
            if (output.positional()) {
                if (width > 0 && width != output.offers().size()) {
                    problems.add("output " + output.name() + " gives " + width + " scores; output.offers lists " + output.offers().size());
                }
            } else {
                output.classes().forEach(c -> checkColumn(c, width, "output.offers", problems));
            }
        }

        private void checkColumn(String column, long width, String field, List<String> problems) {
            try {
                int index = Integer.parseInt(column);
                if (index < 0 || (width > 0 && index >= width)) {
                    problems.add(field + ": column " + column + " is outside output " + output.name() + "'s " + width + " columns");
                }
            } catch (NumberFormatException e) {
                problems.add(field + ": '" + column + "' names a class, and output " + output.name() + " is a tensor: give its column index (0, 1, …)");
            }
        }

        private void checkMapOutput(MapInfo map, List<String> problems) {
            if (output.scoring() == ModelDescriptor.Scoring.PER_OFFER && output.positiveClass() == null) {
                problems.add("output " + output.name() + " maps each class to its probability (ZipMap): set output.class to the positive class"
                        + " (e.g. 1)");
            }
            if (output.scoring() == ModelDescriptor.Scoring.PER_PLAYER && output.positional() && map.keyType != OnnxJavaType.STRING) {
                problems.add("output " + output.name() + " maps class numbers to probabilities (ZipMap of " + map.keyType + " labels): list"
                        + " output.offers as {\"<class>\": \"<offer_id>\"}, e.g. {\"0\": \"" + output.offers().stream().findFirst().orElse("starter_pack")
                        + "\"}");
            }
        }

        void run(List<Object[]> rows, List<Offer> candidates, int firstCandidate, List<ScoredOffer> scored) throws OrtException {
            Map<String, OnnxTensor> tensors = new HashMap<>();
            try {
                for (Feed feed : feeds) {
                    tensors.put(feed.input(), tensor(feed, rows));
                }
                try (OrtSession.Result result = session.run(tensors, outputNames)) {
                    Rows scores = read(result.get(0), rows.size());
                    for (int r = 0; r < rows.size(); r++) {
                        if (output.scoring() == ModelDescriptor.Scoring.PER_OFFER) {
                            scored.add(new ScoredOffer(candidates.get(firstCandidate + r), scores.get(r, output.positiveClass(), 0)));
                        } else {
                            for (int i = 0; i < outputOffers.size(); i++) {
                                String key = output.positional() ? (mapOutput ? outputOffers.get(i).offerId() : null) : output.classes().get(i);
                                scored.add(new ScoredOffer(outputOffers.get(i), scores.get(r, key, i)));
                            }
                        }
                    }
                }
            } finally {
                tensors.values().forEach(OnnxTensor::close);
            }
        }

        /** Scores by row, read by class key (maps) or column (tensors). */
        private interface Rows {
            double get(int row, String key, int position);
        }

        private Rows read(OnnxValue value, int rows) throws OrtException {
            if (value instanceof OnnxTensor tensor) {
                long[] shape = tensor.getInfo().getShape();
                int width = shape.length == 2 ? (int) shape[1] : 1;
                double[] flat = new double[rows * width];
                if (tensor.getInfo().type == OnnxJavaType.DOUBLE) {
                    tensor.getDoubleBuffer().get(flat);
                } else {
                    FloatBuffer floats = tensor.getFloatBuffer();
                    for (int i = 0; i < flat.length; i++) {
                        flat[i] = floats.get(i);
                    }
                }
                return (row, key, position) -> {
                    int column = key != null ? Integer.parseInt(key) : output.scoring() == ModelDescriptor.Scoring.PER_OFFER ? 0 : position;
                    return flat[row * width + column];
                };
            }
            List<Map<String, Double>> maps = new ArrayList<>();
            for (OnnxValue element : ((OnnxSequence) value).getValue()) {
                Map<String, Double> byKey = new HashMap<>();
                ((OnnxMap) element).getValue().forEach((k, v) -> byKey.put(String.valueOf(k), ((Number) v).doubleValue()));
                maps.add(byKey);
            }
            return (row, key, position) -> {
                Double score = maps.get(row).get(key);
                if (score == null) {
                    throw new ModelOutputException("output " + output.name() + " has no class '" + key + "'; its classes are "
                            + maps.get(row).keySet().stream().sorted().collect(Collectors.joining(", ")));
                }
                return score;
            };
        }

        void closeQuietly() {
            try {
                session.close();
            } catch (OrtException ignored) {
                // nothing more to release
            }
        }
    }

    @Override
    public List<ScoredOffer> score(ModelInput input) throws OrtException {
        List<ScoredOffer> scored = new ArrayList<>();
        if (graph == null) {
            // one model per offer: each candidate scored by its own, one row each
            for (Offer offer : input.candidates()) {
                Graph own = perOffer.get(offer.offerId());
                if (own != null) {
                    own.run(List.<Object[]>of(FeatureVectors.values(descriptor, input.features(), offer)), List.of(offer), 0, scored);
                }
            }
            return scored;
        }
        boolean perOfferRows = output.scoring() == ModelDescriptor.Scoring.PER_OFFER;
        List<Object[]> rows = new ArrayList<>();
        if (perOfferRows) {
            for (Offer offer : input.candidates()) {
                rows.add(FeatureVectors.values(descriptor, input.features(), offer));
            }
        } else {
            rows.add(FeatureVectors.values(descriptor, input.features(), null));
        }
        if (graph.batchable || rows.size() == 1) {
            graph.run(rows, input.candidates(), 0, scored);
        } else {
            for (int r = 0; r < rows.size(); r++) {
                graph.run(List.<Object[]>of(rows.get(r)), input.candidates(), r, scored);
            }
        }
        return scored;
    }

    private static OnnxTensor tensor(Feed feed, List<Object[]> rows) throws OrtException {
        int width = feed.features().length;
        long[] shape = feed.rank() == 2 ? new long[] {rows.size(), width} : new long[] {rows.size()};
        int n = rows.size() * width;
        var env = OnnxEnvironment.get();
        switch (feed.type()) {
            case STRING -> {
                String[] values = new String[n];
                fill(feed, rows, (i, v) -> values[i] = (String) v);
                return OnnxTensor.createTensor(env, values, shape);
            }
            case DOUBLE -> {
                double[] values = new double[n];
                fill(feed, rows, (i, v) -> values[i] = (Double) v);
                return OnnxTensor.createTensor(env, DoubleBuffer.wrap(values), shape);
            }
            case INT64 -> {
                long[] values = new long[n];
                fill(feed, rows, (i, v) -> values[i] = Math.round((Double) v));
                return OnnxTensor.createTensor(env, LongBuffer.wrap(values), shape);
            }
            case INT32 -> {
                int[] values = new int[n];
                fill(feed, rows, (i, v) -> values[i] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Math.round((Double) v))));
                return OnnxTensor.createTensor(env, IntBuffer.wrap(values), shape);
            }
            default -> {
                float[] values = new float[n];
                fill(feed, rows, (i, v) -> values[i] = ((Double) v).floatValue());
                return OnnxTensor.createTensor(env, FloatBuffer.wrap(values), shape);
            }
        }
    }

    private interface Setter {
        void set(int index, Object value);
    }

    private static void fill(Feed feed, List<Object[]> rows, Setter setter) {
        int width = feed.features().length;
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < width; c++) {
                setter.set(r * width + c, rows.get(r)[feed.features()[c]]);
            }
        }
    }

    private static boolean isScore(OnnxJavaType type) {
        return type == OnnxJavaType.FLOAT || type == OnnxJavaType.DOUBLE;
    }

    private static String scoreOutputsHint(Map<String, NodeInfo> outputs) {
        List<String> candidates = outputs.entrySet().stream().filter(e -> {
            ValueInfo info = e.getValue().getInfo();
            return info instanceof TensorInfo t ? isScore(t.type)
                    : info instanceof SequenceInfo s && s.isSequenceOfMaps() && isScore(s.mapInfo.valueType);
        }).map(Map.Entry::getKey).toList();
        return candidates.isEmpty() ? "" : " (outputs with scores: " + String.join(", ", candidates) + ")";
    }

    private static String describe(Map<String, NodeInfo> nodes) {
        return nodes.entrySet().stream().map(e -> e.getKey() + " (" + typeOf(e.getValue().getInfo()) + ")").collect(Collectors.joining(", "));
    }

    static String typeOf(ValueInfo info) {
        if (info instanceof TensorInfo t) {
            return t.type.name().toLowerCase() + " " + shapeText(t.getShape());
        }
        if (info instanceof SequenceInfo s) {
            return s.isSequenceOfMaps() ? "a sequence of maps " + s.mapInfo.keyType.name().toLowerCase() + " → "
                    + s.mapInfo.valueType.name().toLowerCase() + " (ZipMap)" : "a sequence of " + s.sequenceType.name().toLowerCase();
        }
        if (info instanceof MapInfo m) {
            return "a map " + m.keyType.name().toLowerCase() + " → " + m.valueType.name().toLowerCase();
        }
        return String.valueOf(info);
    }

    private static String shapeText(long[] shape) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            text.append(i == 0 ? "" : ", ").append(shape[i] < 0 ? "N" : String.valueOf(shape[i]));
        }
        return text.append(']').toString();
    }

    private void closeQuietly() {
        if (graph != null) {
            graph.closeQuietly();
        }
        perOffer.values().forEach(Graph::closeQuietly);
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
