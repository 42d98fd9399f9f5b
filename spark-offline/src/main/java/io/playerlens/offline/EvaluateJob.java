package io.playerlens.offline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.playerlens.contracts.offers.Placement;
import io.playerlens.contracts.offers.Placements;
import io.playerlens.contracts.offers.ScoredOffer;
import io.playerlens.contracts.profile.FeatureCatalog;
import io.playerlens.models.descriptor.ModelDescriptor;
import io.playerlens.models.runtime.FeatureVectors;
import io.playerlens.models.runtime.LoadedModel;
import io.playerlens.models.runtime.ModelInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Measures a data scientist's model before it serves: scores the point-in-time training set ({@link TrainingSetJob}:
 * features as of each impression, label 1 if the offer shown was bought within 24 h) with the candidate and with every
 * model serving the candidate's placements today ({@code placements.json}), through the serving runtime
 * ({@link LoadedModel}: the same descriptors, fill values and ONNX sessions as online), and writes a small report.
 *
 * <p>Per model: <b>AUC</b> of the shown offer's score against the label (comparable across every shape); <b>top-k hit
 * rate</b>, the share of bought impressions whose offer is in the model's top-k; <b>log loss</b> as fits the shape —
 * binary (P(buy) of the shown offer, every impression) for a per-offer model, multiclass (the bought offer's share of
 * the model's scores, bought impressions) for a per-player one. An impression of an offer the model does not rank is
 * not scored for it ({@code scored} says how many were). Examples are scored on the driver.
 */
public final class EvaluateJob {
    /** One model's figures on the same examples. */
    public record ModelScore(String model, String version, String role, String shape, long scored, long positives, double auc,
                             double logLoss, String logLossKind, int topK, double topKHitRate) {
    }

    public record Result(String candidate, long examples, long positives, List<ModelScore> models, Path report) {
    }

    private static final double EPSILON = 1e-6;

    private final SparkSession spark;
    private final Progress progress;

    public EvaluateJob(SparkSession spark, Progress progress) {
        this.spark = spark;
        this.progress = progress;
    }

    public Result run(Path trainingSet, Path modelsDir, String candidate, Path out) throws Exception {
        LoadedModel candidateModel = LoadedModel.load(modelsDir.resolve(candidate));
        ModelDescriptor cd = candidateModel.descriptor();
        Map<String, LoadedModel> models = new LinkedHashMap<>();
        Map<String, String> roles = new HashMap<>();
        models.put(candidate, candidateModel);
        roles.put(candidate, "candidate");
        Placements placements = Placements.readDeclared(modelsDir);
        for (String placementName : cd.placements()) {
            for (Placement.Variant v : placements.get(placementName).map(Placement::variants).orElse(List.of())) {
                if (!v.shadow() && v.weight() > 0 && !models.containsKey(v.model())) {
                    models.put(v.model(), LoadedModel.load(modelsDir.resolve(v.model())));
                    roles.put(v.model(), "serving " + placementName + " (variant " + v.variant() + ", " + v.weight() + " %)");
                }
            }
        }
        Set<String> placementsScored = new LinkedHashSet<>(cd.placements());
        List<Row> rows = spark.read().parquet(trainingSet.resolve("examples").toString()).collectAsList().stream()
                .filter(r -> placementsScored.contains(r.<String>getAs("placement"))).toList();
        long positives = rows.stream().filter(r -> ((Number) r.getAs("label")).intValue() == 1).count();
        progress.step(String.format("scoring %,d impressions (%,d bought) of %s with %s", rows.size(), positives, placementsScored, models.keySet()));

        List<ModelScore> scores = new ArrayList<>();
        for (Map.Entry<String, LoadedModel> entry : models.entrySet()) {
            scores.add(evaluate(entry.getValue(), roles.get(entry.getKey()), rows));
        }
        Result result = new Result(candidate, rows.size(), positives, scores, out.resolve("evaluation.json"));
        Files.createDirectories(out);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("candidate", candidate);
        report.put("training_set", trainingSet.toString());
        report.put("placements", placementsScored);
        report.put("examples", rows.size());
        report.put("positives", positives);
        report.put("label", "1 if the player bought the offer shown within 24 h after the impression (TrainingSetJob)");
        report.put("models", scores);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(result.report().toFile(), report);
        scores.forEach(s -> progress.step(String.format("%-20s v%-4s %-40s %-10s scored %,7d  AUC %.3f  top-%d hit %.3f  log loss %.4f (%s)",
                s.model(), s.version(), s.role(), s.shape(), s.scored(), s.auc(), s.topK(), s.topKHitRate(), s.logLoss(), s.logLossKind())));
        return result;
    }

    private static ModelScore evaluate(LoadedModel model, String role, List<Row> rows) throws Exception {
        ModelDescriptor d = model.descriptor();
        boolean perOffer = d.output() != null && d.output().scoring() == ModelDescriptor.Scoring.PER_OFFER;
        List<double[]> scoredLabels = new ArrayList<>();
        double logLoss = 0;
        long logLossCount = 0;
        long bought = 0;
        long hits = 0;
        for (Row row : rows) {
            String shown = row.getAs("offer_id");
            if (d.offers().stream().noneMatch(o -> o.offerId().equals(shown))) {
                continue;
            }
            Map<String, Object> features = features(row);
            List<ScoredOffer> all = model.scores(new ModelInput(row.getAs("player_id"), row.getAs("placement"), features,
                    FeatureVectors.assemble(d, features), d.offers()));
            int label = ((Number) row.getAs("label")).intValue();
            double shownScore = share(all, shown, perOffer);
            scoredLabels.add(new double[] {shownScore, label});
            if (perOffer) {
                double p = Math.min(1 - EPSILON, Math.max(EPSILON, shownScore));
                logLoss += label == 1 ? -Math.log(p) : -Math.log(1 - p);
                logLossCount++;
            } else if (label == 1) {
                logLoss += -Math.log(Math.max(EPSILON, shownScore));
                logLossCount++;
            }
            if (label == 1) {
                bought++;
                List<String> top = all.stream().sorted(Comparator.comparingDouble(ScoredOffer::score).reversed()).limit(d.topK())
                        .map(o -> o.offer().offerId()).toList();
                if (top.contains(shown)) {
                    hits++;
                }
            }
        }
        return new ModelScore(d.name(), d.version(), role, perOffer ? "per offer" : "per player", scoredLabels.size(), bought, auc(scoredLabels),
                logLossCount == 0 ? Double.NaN : logLoss / logLossCount, perOffer ? "binary, every impression" : "multiclass, bought impressions",
                d.topK(), bought == 0 ? Double.NaN : (double) hits / bought);
    }

    /**
     * The shown offer's score as a probability: a per-offer model's own; a per-player model's share of its scores (softmax
     * when a score is negative, as rules models' may be).
     */
    private static double share(List<ScoredOffer> all, String shown, boolean perOffer) {
        double score = all.stream().filter(o -> o.offer().offerId().equals(shown)).mapToDouble(ScoredOffer::score).findFirst().orElse(0);
        if (perOffer) {
            return score;
        }
        boolean nonNegative = all.stream().allMatch(o -> o.score() >= 0);
        double total = nonNegative ? all.stream().mapToDouble(ScoredOffer::score).sum() : all.stream().mapToDouble(o -> Math.exp(o.score())).sum();
        if (total <= 0) {
            return 1.0 / all.size();
        }
        return nonNegative ? score / total : Math.exp(score) / total;
    }

    /** Area under the ROC curve of {score, label} pairs (Mann-Whitney, ties counted half); NaN without both labels. */
    static double auc(List<double[]> scoredLabels) {
        List<double[]> sorted = new ArrayList<>(scoredLabels);
        sorted.sort(Comparator.comparingDouble(p -> p[0]));
        long positives = sorted.stream().filter(p -> p[1] == 1).count();
        long negatives = sorted.size() - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double rankSum = 0;
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1)[0] == sorted.get(i)[0]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (sorted.get(k)[1] == 1) {
                    rankSum += averageRank;
                }
            }
            i = j + 1;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    private static Map<String, Object> features(Row row) {
        Map<String, Object> values = new HashMap<>();
        for (String column : row.schema().fieldNames()) {
            if (FeatureCatalog.names().contains(column)) {
                values.put(column, row.getAs(column));
            }
        }
        return values;
    }
}
