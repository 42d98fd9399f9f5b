package io.playerlens.models.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.offers.Offer;
import io.playerlens.contracts.offers.OfferJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains the example ONNX model ({@code models/store-logreg}) without Python: a multiclass logistic regression
 * (Tribuo) predicting which store offer a player buys, from generated profiles, exported as ONNX with its
 * descriptor. The offline issue retrains the same model from archived events. Deterministic for a seed.
 *
 * <p>Run: {@code ./playerlens model train-example} (writes {@code models/store-logreg/}).
 */
public final class ExampleModelTrainer {
    public static final String MODEL_NAME = "store-logreg";
    /** Profile features the model reads; Tribuo orders its inputs by name, and so does the descriptor. */
    static final List<String> FEATURES = List.of("coins_balance", "events_total", "level_max", "playtime_s", "purchases_24h",
            "purchases_total", "sessions_total", "spend_total_cents");
    static final List<Offer> OFFERS = List.of(new Offer("starter_pack", "starter_bundle", 99), new Offer("coin_pack", "coins_1000", 199),
            new Offer("gems_500", "gems_500", 499), new Offer("vip_bundle", "vip_month", 1999));

    private ExampleModelTrainer() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "models/" + MODEL_NAME);
        LinearSGDModel model = train(42, 4000);
        write(model, folder);
        System.out.println("wrote " + folder.resolve("model.onnx") + " and " + folder.resolve("model.json"));
    }

    /** Profiles drawn from four player types, labelled with the offer that type buys (with 10 % noise). */
    public static MutableDataset<Label> dataset(long seed, int rows) {
        Random random = new Random(seed);
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("generated profiles", new LabelFactory()),
                new LabelFactory());
        for (int i = 0; i < rows; i++) {
            int type = random.nextInt(4);
            double purchases = switch (type) { case 0 -> 0; case 1 -> random.nextInt(2); case 2 -> 1 + random.nextInt(5); default -> 5 + random.nextInt(20); };
            double spend = purchases * (type == 3 ? 1500 + random.nextInt(1500) : 150 + random.nextInt(400));
            double coins = type == 1 ? random.nextInt(80) : 100 + random.nextInt(3000);
            double sessions = 1 + random.nextInt(type == 3 ? 200 : 40);
            double[] values = {coins / 1000, sessions * 12 / 100, random.nextInt(60) / 10.0, sessions * 600 / 10_000,
                type >= 2 ? random.nextInt(3) : 0, purchases, sessions / 10, spend / 1000};
            String label = random.nextInt(10) == 0 ? OFFERS.get(random.nextInt(4)).offerId() : OFFERS.get(type).offerId();
            data.add(new ArrayExample<>(new Label(label), FEATURES.toArray(new String[0]), values));
        }
        return data;
    }

    public static LinearSGDModel train(long seed, int rows) {
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.5, 0.1), 10, rows, 1, seed);
        return trainer.train(dataset(seed, rows));
    }

    /**
     * The feature scale the model was trained on is part of the model: {@code scale} lists the divisor of each
     * feature, applied to the profile value before inference. Kept here so the descriptor can say it.
     */
    static final double[] SCALE = {1000, 100.0 / 12, 10, 10_000.0 / 600, 1, 1, 10, 1000};

    public static void write(LinearSGDModel model, Path folder) throws IOException {
        Files.createDirectories(folder);
        model.saveONNXModel("io.playerlens", 1, folder.resolve("model.onnx"));
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode descriptor = mapper.createObjectNode();
        descriptor.put("name", MODEL_NAME);
        descriptor.put("version", "1");
        descriptor.putArray("placements").add("store");
        descriptor.put("type", "onnx");
        descriptor.put("model_file", "model.onnx");
        ArrayNode features = descriptor.putArray("features");
        for (int id = 0; id < model.getFeatureIDMap().size(); id++) {
            String name = model.getFeatureIDMap().get(id).getName();
            features.addObject().put("name", name).put("missing", 0).put("scale", SCALE[FEATURES.indexOf(name)]);
        }
        ArrayNode offers = descriptor.putArray("offers");
        OFFERS.forEach(o -> offers.add(OfferJson.write(o)));
        ObjectNode output = descriptor.putObject("output");
        output.put("name", "output");
        ArrayNode order = output.putArray("offers");
        for (int id = 0; id < model.getOutputIDInfo().size(); id++) {
            order.add(model.getOutputIDInfo().getOutput(id).getLabel());
        }
        descriptor.put("top_k", 3);
        descriptor.put("latency_budget_ms", 50);
        descriptor.putArray("default_offers").add("starter_pack").add("gems_500");
        mapper.writeValue(folder.resolve("model.json").toFile(), descriptor);
    }

    /** Tribuo's own scores for a profile (scaled as the descriptor says): what ONNX must reproduce. */
    public static Map<String, Double> tribuoScores(LinearSGDModel model, double[] rawFeatures) {
        double[] scaled = new double[rawFeatures.length];
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] = rawFeatures[i] / SCALE[i];
        }
        Example<Label> example = new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, FEATURES.toArray(new String[0]), scaled);
        Prediction<Label> prediction = model.predict(example);
        Map<String, Double> scores = new java.util.TreeMap<>();
        prediction.getOutputScores().forEach((label, l) -> scores.put(label, l.getScore()));
        return scores;
    }

    static List<String> featureNames() {
        return new ArrayList<>(FEATURES);
    }
}
