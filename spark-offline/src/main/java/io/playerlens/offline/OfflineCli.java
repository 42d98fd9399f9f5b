package io.playerlens.offline;

import io.playerlens.contracts.event.PlayerKey;
import io.playerlens.models.descriptor.DescriptorParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code ./playerlens offline JOB}: the Spark jobs over the raw archive, locally or on EMR with the same jar. */
@Command(name = "offline", mixinStandardHelpOptions = true, subcommands = {OfflineCli.Analytics.class, OfflineCli.Backfill.class,
        OfflineCli.TrainingSet.class, OfflineCli.Train.class, OfflineCli.Evaluate.class, OfflineCli.Erase.class, OfflineCli.Generate.class},
        description = "Spark jobs over the raw event archive (raw/dt=YYYY-MM-DD/hour=HH/, see docs/offline.md).")
public final class OfflineCli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new OfflineCli()).execute(args));
    }

    /** Options every job over the archive takes. */
    static final class Window {
        @Option(names = "--archive", defaultValue = "target/playerlens-local/archive",
                description = "Archive root: a folder, or s3a://bucket on AWS (default: ${DEFAULT-VALUE}, what ./playerlens up writes).")
        String archive;

        @Option(names = "--from", description = "First event day, YYYY-MM-DD (default: --to).")
        LocalDate from;

        @Option(names = "--to", description = "Last event day, YYYY-MM-DD (default: today, UTC).")
        LocalDate to;

        @Option(names = "--out", description = "Output folder (default: target/offline/JOB).")
        Path out;

        LocalDate to() {
            return to != null ? to : LocalDate.now(ZoneOffset.UTC);
        }

        LocalDate from() {
            LocalDate from = this.from != null ? this.from : to();
            if (from.isAfter(to())) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--from " + from + " is after --to " + to());
            }
            return from;
        }

        Path out(String job) {
            return out != null ? out : Path.of("target", "offline", job);
        }
    }

    @Command(name = "analytics", mixinStandardHelpOptions = true, description = "Daily KPIs per game and offers per model, to Parquet.")
    static final class Analytics implements Callable<Integer> {
        @Mixin
        Window window;

        @Override
        public Integer call() {
            try (SparkSession spark = OfflineSession.create("analytics")) {
                AnalyticsJob.Result result = new AnalyticsJob(spark, new Progress(System.out)).run(window.archive, window.from(), window.to(), window.out("analytics"));
                result.dailyKpis().show(50, false);
                result.offersByModel().show(50, false);
                result.decisionsByVariant().show(50, false);
            }
            return 0;
        }
    }

    @Command(name = "backfill", mixinStandardHelpOptions = true,
            description = "Player features from the archive with the feature SQL; fills the profile table and reports parity.")
    static final class Backfill implements Callable<Integer> {
        @Mixin
        Window window;

        @Option(names = "--table", defaultValue = io.playerlens.contracts.config.Names.LOCAL_PROFILES_TABLE, description = "Profile table (default: ${DEFAULT-VALUE}).")
        String table;

        @Option(names = "--endpoint", description = "DynamoDB endpoint (default: the running ./playerlens up's, else AWS).")
        String endpoint;

        @Option(names = "--region", defaultValue = "us-east-1", description = "AWS region (default: ${DEFAULT-VALUE}).")
        String region;

        @Option(names = "--no-table", description = "Write Parquet only: no profile table, no parity.")
        boolean noTable;

        @Option(names = "--no-write", description = "Compare with the profile table (parity) without writing to it.")
        boolean noWrite;

        @Option(names = "--parity-sample", defaultValue = "1000", description = "Players compared online vs offline (default: ${DEFAULT-VALUE}).")
        int paritySample;

        @Option(names = "--item-ttl-days", defaultValue = "400", description = "TTL of the profiles written (default: ${DEFAULT-VALUE}).")
        int itemTtlDays;

        @Option(names = "--as-of", description = "When windowed features are read in the output and the parity report, ISO-8601 "
                + "(default: now, the time the online profiles are read at).")
        java.time.Instant asOf;

        @Override
        public Integer call() throws Exception {
            ProfileTable profiles = noTable ? null : new ProfileTable(table, endpoint != null ? endpoint : LocalStack.dynamoDbEndpoint().orElse(null), region);
            try (SparkSession spark = OfflineSession.create("backfill")) {
                BackfillJob.Result result = new BackfillJob(spark, new Progress(System.out)).run(window.archive, window.from(), window.to(),
                        window.out("backfill"), profiles, !noWrite, paritySample, Duration.ofDays(itemTtlDays),
                        asOf == null ? System.currentTimeMillis() : asOf.toEpochMilli());
                if (result.parity() != null) {
                    result.parity().features().forEach((feature, parity) -> System.out.printf("  %-20s %6d compared %6d mismatched (%.4f %%)%n",
                            feature, parity.compared(), parity.mismatched(), 100 * parity.mismatchRate()));
                    result.parity().examples().forEach(m -> System.out.println("  mismatch: " + m));
                }
                System.out.printf("Backfill: %,d events/s over %,d events on %d cores (report: %s)%n", Math.round(result.eventsPerSecond()),
                        result.events(), Runtime.getRuntime().availableProcessors(), window.out("backfill").resolve("backfill-report.json"));
            }
            return 0;
        }
    }

    @Command(name = "training-set", mixinStandardHelpOptions = true,
            description = "Point-in-time examples: features as of each offer_shown, label = bought within 24 h.")
    static final class TrainingSet implements Callable<Integer> {
        @Mixin
        Window window;

        @Option(names = "--models", defaultValue = "models", description = "Model folders, for the offers' skus (default: ${DEFAULT-VALUE}).")
        Path models;

        @Override
        public Integer call() throws Exception {
            try (SparkSession spark = OfflineSession.create("training-set")) {
                new TrainingSetJob(spark, new Progress(System.out)).run(window.archive, window.from(), window.to(), window.out("training-set"),
                        offerSkus(models));
            }
            return 0;
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Retrains an ONNX offer model on a training set and evaluates it against the current one.")
    static final class Train implements Callable<Integer> {
        @Option(names = "--training-set", defaultValue = "target/offline/training-set", description = "Output of training-set (default: ${DEFAULT-VALUE}).")
        Path trainingSet;

        @Option(names = "--model", defaultValue = "models/store-logreg", description = "The current model folder (default: ${DEFAULT-VALUE}).")
        Path model;

        @Option(names = "--out", defaultValue = "target/offline/model-candidate", description = "Where the new model goes (default: ${DEFAULT-VALUE}).")
        Path out;

        @Option(names = "--seed", defaultValue = "42")
        long seed;

        @Override
        public Integer call() throws Exception {
            try (SparkSession spark = OfflineSession.create("train")) {
                TrainJob.Result result = new TrainJob(spark, new Progress(System.out)).run(trainingSet, model, out, seed);
                System.out.printf("%nPromote with: cp %s/model.onnx %s/model.json %s/ (then ./playerlens model check, and deploy its stack)%n",
                        result.folder(), result.folder(), model);
            }
            return 0;
        }
    }

    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = "Scores the point-in-time training set of the window with a model folder and with the models serving its"
                    + " placements today: AUC, top-k hit rate, log loss; writes evaluation.json.")
    static final class Evaluate implements Callable<Integer> {
        @Mixin
        Window window;

        @Option(names = "--model", required = true, description = "The model to measure (its folder under --models).")
        String model;

        @Option(names = "--models", defaultValue = "models", description = "Model folders and placements.json (default: ${DEFAULT-VALUE}).")
        Path models;

        @Override
        public Integer call() throws Exception {
            Path out = window.out("evaluate");
            try (SparkSession spark = OfflineSession.create("evaluate")) {
                Progress progress = new Progress(System.out);
                new TrainingSetJob(spark, progress).run(window.archive, window.from(), window.to(), out.resolve("training-set"), offerSkus(models));
                EvaluateJob.Result result = new EvaluateJob(spark, progress).run(out.resolve("training-set"), models, model, out);
                System.out.println("report: " + result.report());
            }
            return 0;
        }
    }

    @Command(name = "erase", mixinStandardHelpOptions = true,
            description = "Removes erased players' events (player_erased in the archive, or --player) from the archive files.")
    static final class Erase implements Callable<Integer> {
        @Option(names = "--archive", defaultValue = "target/playerlens-local/archive", description = "Archive root (default: ${DEFAULT-VALUE}).")
        String archive;

        @Option(names = "--player", paramLabel = "GAME/PLAYER",
                description = "Also erase this game's player entirely, e.g. space-race/p-1 (repeatable).")
        List<String> players = List.of();

        @Override
        public Integer call() throws Exception {
            try (SparkSession spark = OfflineSession.create("erase")) {
                EraseJob.Result result = new EraseJob(spark, new Progress(System.out)).run(archive, players.stream().map(PlayerKey::parse)
                        .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
                System.out.println(result);
            }
            return 0;
        }
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Writes a synthetic archive (the player simulator's events) for trying the jobs and benchmarking them.")
    static final class Generate implements Callable<Integer> {
        @Option(names = "--archive", defaultValue = "target/offline/generated-archive", description = "Archive root (default: ${DEFAULT-VALUE}).")
        Path archive;

        @Option(names = "--events", defaultValue = "1000000", description = "About how many events (default: ${DEFAULT-VALUE}).")
        long events;

        @Option(names = "--players", defaultValue = "20000", description = "Players (default: ${DEFAULT-VALUE}).")
        int players;

        @Option(names = "--days", defaultValue = "2", description = "Event days, ending yesterday (default: ${DEFAULT-VALUE}).")
        int days;

        @Override
        public Integer call() throws Exception {
            LocalDate last = LocalDate.now(ZoneOffset.UTC).minusDays(1);
            ArchiveGenerator.Result result = new ArchiveGenerator(archive, 7).generate(events, players, last.minusDays(days - 1L), days);
            System.out.printf("wrote %,d events (%,d bytes, %.1f B/event) for %d players, event days %s to %s, under %s%n", result.events(),
                    result.bytes(), (double) result.bytes() / result.events(), players, last.minusDays(days - 1L), last, archive);
            return 0;
        }
    }

    /** Offer id → sku from every model folder's descriptor. */
    static Map<String, String> offerSkus(Path models) throws Exception {
        Map<String, String> skus = new LinkedHashMap<>();
        if (!Files.isDirectory(models)) {
            return skus;
        }
        try (var folders = Files.list(models)) {
            for (Path folder : folders.filter(f -> Files.exists(f.resolve(DescriptorParser.FILE))).toList()) {
                DescriptorParser.read(folder).offers().forEach(o -> skus.putIfAbsent(o.offerId(), o.sku()));
            }
        }
        return skus;
    }
}
