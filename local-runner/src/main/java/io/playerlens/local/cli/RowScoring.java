package io.playerlens.local.cli;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.playerlens.contracts.offers.Offer;
import io.playerlens.contracts.offers.ScoredOffer;
import io.playerlens.contracts.profile.FeatureCatalog;
import io.playerlens.models.descriptor.ModelDescriptor;
import io.playerlens.models.runtime.FeatureVectors;
import io.playerlens.models.runtime.LoadedModel;
import io.playerlens.models.runtime.ModelInput;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code model check NAME --rows FILE.csv}: scores a data scientist's own rows through the same path serving uses (the
 * descriptor's fill values and scales, the ONNX session) and prints every offer's score, so they can be compared with
 * the notebook's predictions row by row. Output: {@code row,offer_id,score,rank} (rank 1 is served first; the first
 * {@code top_k} are served).
 */
final class RowScoring {
    static final String OFFER_COLUMN = "offer_id";

    private RowScoring() {
    }

    static int score(LoadedModel model, Path csv, Path out) throws Exception {
        ModelDescriptor d = model.descriptor();
        boolean perOffer = d.output() != null && d.output().scoring() == ModelDescriptor.Scoring.PER_OFFER;
        CsvMapper mapper = new CsvMapper();
        List<String> problems = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        lines.add("row,offer_id,score,rank");
        try (MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class).with(CsvSchema.emptySchema().withHeader())
                .readValues(csv.toFile())) {
            Set<String> ignored = new LinkedHashSet<>();
            int row = 0;
            while (rows.hasNext()) {
                row++;
                Map<String, String> cells = rows.next();
                Map<String, Object> profile = new HashMap<>();
                for (Map.Entry<String, String> cell : cells.entrySet()) {
                    String column = cell.getKey();
                    if (!FeatureCatalog.names().contains(column)) {
                        if (!(perOffer && column.equals(OFFER_COLUMN))) {
                            ignored.add(column);
                        }
                        continue;
                    }
                    Object value = parse(column, cell.getValue(), row, problems);
                    if (value != null) {
                        profile.put(column, value);
                    }
                }
                List<Offer> candidates = d.offers();
                String offerId = perOffer ? cells.get(OFFER_COLUMN) : null;
                if (offerId != null && !offerId.isBlank()) {
                    candidates = d.offers().stream().filter(o -> o.offerId().equals(offerId)).toList();
                    if (candidates.isEmpty()) {
                        problems.add("row " + row + ": offer_id " + offerId + " is not one of the model's offers");
                        continue;
                    }
                }
                List<ScoredOffer> scores = new ArrayList<>(model.scores(new ModelInput("row-" + row, d.placements().get(0), profile,
                        FeatureVectors.assemble(d, profile), candidates)));
                List<ScoredOffer> ranked = scores.stream().sorted(Comparator.comparingDouble(ScoredOffer::score).reversed()).toList();
                for (ScoredOffer s : scores) {
                    lines.add(row + "," + s.offer().offerId() + "," + s.score() + "," + (ranked.indexOf(s) + 1));
                }
            }
            if (!ignored.isEmpty()) {
                System.err.println("ignored columns (not profile features" + (perOffer ? " or offer_id" : "") + "): " + ignored);
            }
        } catch (IOException | RuntimeException e) {
            problems.add(csv + " is not a CSV with a header row: " + e.getMessage().split("\n")[0]);
        }
        if (!problems.isEmpty()) {
            System.err.println(csv + " cannot be scored:");
            problems.forEach(p -> System.err.println("  - " + p));
            return 1;
        }
        if (out != null) {
            Files.write(out, lines, StandardCharsets.UTF_8);
            System.out.println("wrote " + (lines.size() - 1) + " scores to " + out);
        } else {
            PrintStream stdout = System.out;
            lines.forEach(stdout::println);
        }
        return 0;
    }

    private static Object parse(String column, String cell, int row, List<String> problems) {
        if (cell == null || cell.isBlank()) {
            return null; // missing: the descriptor's fill value
        }
        if (FeatureCatalog.kind(column) == FeatureCatalog.Kind.TEXT) {
            return cell;
        }
        try {
            return Long.parseLong(cell.trim());
        } catch (NumberFormatException notLong) {
            try {
                return Double.parseDouble(cell.trim());
            } catch (NumberFormatException e) {
                problems.add("row " + row + ", " + column + ": '" + cell + "' is not a number");
                return null;
            }
        }
    }
}
