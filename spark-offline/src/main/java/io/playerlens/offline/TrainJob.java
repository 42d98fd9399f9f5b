package io.playerlens.offline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.offers.ScoredOffer;
import io.playerlens.models.descriptor.DescriptorParser;
import io.playerlens.models.descriptor.ModelDescriptor;
import io.playerlens.models.runtime.FeatureVectors;
import io.playerlens.models.runtime.LoadedModel;
import io.playerlens.models.runtime.ModelInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Retrains an offer model on a training set: the examples whose offer was bought, labelled with that offer, with
 * the features and scales of the current model's descriptor (so the new model is a drop-in). Holds out a fifth of
 * the players, writes the ONNX file and descriptor (next version) to a folder, and evaluates both the current and
 * the new model on the held-out examples through the serving runtime ({@link LoadedModel}): top-1 accuracy and
 * log loss. The log loss is over what the runtime returns — the model's top-k, scores normalised among them; a bought
 * offer outside the top-k counts as probability 1e-6 — the same rule for both models, so they compare fairly.
 * Promotion (copying the folder over {@code models/NAME}) is the data scientist's decision.
 */
public final class TrainJob {
    /** One model's offline evaluation. */
    public record Evaluation(String model, String version, long examples, double top1Accuracy, double logLoss) {
    }

    public record Result(long trainingExamples, Evaluation current, Evaluation candidate, Path folder) {
    }

    private final SparkSession spark;
    private final Progress progress;

    public TrainJob(SparkSession spark, Progress progress) {
        this.spark = spark;
        this.progress = progress;
    }

    public Result run(Path trainingSet, Path currentModel, Path out, long seed) throws Exception {
        ModelDescriptor current = DescriptorParser.read(currentModel);
        if (current.kind() != ModelDescriptor.Kind.ONNX) {
            throw new IllegalArgumentException(currentModel + " is not an ONNX model: train retrains the ONNX offer model");
        }
        List<Row> bought = spark.read().parquet(trainingSet.resolve("examples").toString()).where("label = 1").collectAsList();
        List<Row> train = new ArrayList<>();
        List<Row> test = new ArrayList<>();
        for (Row row : bought) {
            (Math.floorMod(((String) row.getAs("player_id")).hashCode(), 5) == 0 ? test : train).add(row);
        }
        if (train.size() < 20 || test.isEmpty()) {
            throw new IllegalStateException("only " + bought.size() + " bought impressions in " + trainingSet
                    + ": too few to train and evaluate (widen --from/--to)");
        }
        progress.step(String.format("training on %,d bought impressions, evaluating on %,d held-out ones", train.size(), test.size()));
        String[] names = current.features().stream().map(ModelDescriptor.FeatureInput::name).toArray(String[]::new);
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("playerlens training set " + trainingSet, new LabelFactory()),
                new LabelFactory());
        for (Row row : train) {
            data.add(new ArrayExample<>(new Label(row.getAs("offer_id")), names, FeatureVectors.assembleDoubles(current, features(row, names))));
        }
        LinearSGDModel model = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.5, 0.1), 10, train.size(), 1, seed).train(data);
        write(model, current, out);
        progress.step("wrote " + out.resolve("model.onnx") + " and " + out.resolve(DescriptorParser.FILE));

        Evaluation before = evaluate(LoadedModel.load(currentModel), test, names);
        Evaluation after = evaluate(LoadedModel.load(out), test, names);
        progress.step(String.format("held-out evaluation (%d examples): current v%s top-1 %.3f log loss %.3f | candidate v%s top-1 %.3f log loss %.3f",
                test.size(), before.version(), before.top1Accuracy(), before.logLoss(), after.version(), after.top1Accuracy(), after.logLoss()));
        Result result = new Result(train.size(), before, after, out);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("evaluation.json").toFile(), result);
        return result;
    }

    private static Map<String, Object> features(Row row, String[] names) {
        Map<String, Object> values = new HashMap<>();
        List<String> columns = List.of(row.schema().fieldNames());
        for (String name : names) {
            values.put(name, columns.contains(name) ? row.getAs(name) : null);
        }
        return values;
    }

    private static Evaluation evaluate(LoadedModel model, List<Row> test, String[] names) throws Exception {
        ModelDescriptor d = model.descriptor();
        long correct = 0;
        double logLoss = 0;
        for (Row row : test) {
            Map<String, Object> features = features(row, names);
            List<ScoredOffer> ranked = model.rank(new ModelInput(row.getAs("player_id"), d.placements().get(0), features,
                    FeatureVectors.assemble(d, features), d.offers()));
            String bought = row.getAs("offer_id");
            double total = ranked.stream().mapToDouble(ScoredOffer::score).sum();
            double p = ranked.stream().filter(o -> o.offer().offerId().equals(bought)).mapToDouble(ScoredOffer::score).findFirst().orElse(0);
            logLoss += -Math.log(Math.max(1e-6, total > 0 ? p / total : 0));
            if (!ranked.isEmpty() && ranked.get(0).offer().offerId().equals(bought)) {
                correct++;
            }
        }
        return new Evaluation(d.name(), d.version(), test.size(), (double) correct / test.size(), logLoss / test.size());
    }

    private static void write(LinearSGDModel model, ModelDescriptor current, Path folder) throws IOException {
        Files.createDirectories(folder);
        model.saveONNXModel("io.playerlens", 1, folder.resolve("model.onnx"));
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode descriptor = (ObjectNode) mapper.readTree(current.folder().resolve(DescriptorParser.FILE).toFile());
        descriptor.put("version", nextVersion(current.version()));
        descriptor.put("model_file", "model.onnx");
        ArrayNode order = ((ObjectNode) descriptor.get("output")).putArray("offers");
        for (int id = 0; id < model.getOutputIDInfo().size(); id++) {
            order.add(model.getOutputIDInfo().getOutput(id).getLabel());
        }
        ArrayNode features = descriptor.putArray("features");
        for (int id = 0; id < model.getFeatureIDMap().size(); id++) {
            String name = model.getFeatureIDMap().get(id).getName();
            ModelDescriptor.FeatureInput input = current.features().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
            features.addObject().put("name", name).put("missing", input.missing()).put("scale", input.scale());
        }
        mapper.writeValue(folder.resolve(DescriptorParser.FILE).toFile(), descriptor);
    }

    static String nextVersion(String version) {
        try {
            return Integer.toString(Integer.parseInt(version) + 1);
        } catch (NumberFormatException e) {
            return version + ".1";
        }
    }
}
