package io.playerlens.local.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.api.ApiRoute;
import io.playerlens.contracts.api.ApiRoutes;
import io.playerlens.contracts.archive.ArchiveLayout;
import io.playerlens.contracts.config.EnvVars;
import io.playerlens.contracts.config.FeatureJobProperties;
import io.playerlens.contracts.metrics.MetricNames;
import io.playerlens.contracts.offers.Placements;
import io.playerlens.contracts.profile.ProfileItem;
import io.playerlens.emulators.LocalAws;
import io.playerlens.features.JobProperties;
import io.playerlens.ingest.IngestHandler;
import io.playerlens.lambda.ApiKeys;
import io.playerlens.local.archive.LocalArchiver;
import io.playerlens.local.dashboard.DashboardEndpoint;
import io.playerlens.local.gateway.LocalGateway;
import io.playerlens.local.metrics.LiveMetrics;
import io.playerlens.local.metrics.LocalIngestMetrics;
import io.playerlens.local.metrics.LocalOffersMetrics;
import io.playerlens.local.models.LocalModels;
import io.playerlens.local.models.LocalPlacements;
import io.playerlens.offers.OfferServedLog;
import io.playerlens.offers.OffersHandler;
import io.playerlens.profile.ProfileHandler;
import io.playerlens.profile.ProfileMetrics;
import io.playerlens.store.AwsClients;
import io.playerlens.store.ProfileStore;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The platform on one machine: the AWS emulators with the streams created, and the local gateway invoking the
 * real Lambda handlers configured exactly as the CDK app configures them on AWS (same environment variables).
 */
public final class LocalPlatform implements AutoCloseable {
    public static final String EVENTS_STREAM = io.playerlens.contracts.config.Names.LOCAL_EVENTS_STREAM;
    public static final String QUARANTINE_STREAM = io.playerlens.contracts.config.Names.LOCAL_QUARANTINE_STREAM;
    public static final String PROFILES_TABLE = io.playerlens.contracts.config.Names.LOCAL_PROFILES_TABLE;
    public static final String LOCAL_GAME_ID = io.playerlens.contracts.config.Names.LOCAL_GAME_ID;
    /** The per-second metrics kept for the dashboard and the benchmarks: two hours, so a soak's timeline is whole. */
    static final int METRICS_RETAINED_SECONDS = 7_200;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LocalPlatform.class);

    /**
     * @param port gateway port on 127.0.0.1 (0 = any free port)
     * @param games the games served, each with its API key and optional ingest limit ({@code --keys FILE})
     * @param shards shards of the events stream (more than one exercises the multi-shard paths)
     * @param workDir where emulator logs and checkpoints go
     * @param parallelism parallelism of the feature job
     * @param featureJobSettings overrides of the feature job's {@code FeatureJob} property group
     * @param sourceSettings overrides of its {@code EventsSource} group (e.g. the polling interval)
     * @param sinkSettings overrides of its {@code ProfileSink} group (e.g. the flush timeout)
     * @param modelsDir the data scientists' model folders and {@code placements.json}
     */
    public record Options(int port, LocalGames games, int shards, Path workDir, int parallelism, Map<String, String> featureJobSettings,
                          Map<String, String> sourceSettings, Map<String, String> sinkSettings, Path modelsDir) {
        /** One game, {@code local-game}, with {@code apiKey}. */
        public Options(int port, String apiKey, int shards, Path workDir, int parallelism) {
            this(port, LocalGames.single(apiKey), shards, workDir, parallelism, Map.of(), Map.of(), Map.of(), defaultModelsDir());
        }

        public Options(int port, String apiKey, int shards, Path workDir, int parallelism, Map<String, String> featureJobSettings) {
            this(port, LocalGames.single(apiKey), shards, workDir, parallelism, featureJobSettings, Map.of(), Map.of(), defaultModelsDir());
        }

        public Options(int port, String apiKey, int shards, Path workDir, int parallelism, Map<String, String> featureJobSettings,
                       Map<String, String> sourceSettings, Map<String, String> sinkSettings, Path modelsDir) {
            this(port, LocalGames.single(apiKey), shards, workDir, parallelism, featureJobSettings, sourceSettings, sinkSettings, modelsDir);
        }

        public Options withModelsDir(Path dir) {
            return new Options(port, games, shards, workDir, parallelism, featureJobSettings, sourceSettings, sinkSettings, dir);
        }

        public Options withGames(LocalGames serving) {
            return new Options(port, serving, shards, workDir, parallelism, featureJobSettings, sourceSettings, sinkSettings, modelsDir);
        }

        /** The first game's key: the one the status block, the simulator and the bench use. */
        public String apiKey() {
            return games.first().apiKey();
        }
    }

    /** {@code models/} of the checkout. */
    public static Path defaultModelsDir() {
        return checkoutHome().resolve("models");
    }

    /**
     * The checkout's root: {@code -Dplayerlens.home} (the script passes it), else the working directory when it holds
     * {@code models/} (a jar run from the root), else its parent (tests run in a module's folder).
     */
    public static Path checkoutHome() {
        String home = System.getProperty("playerlens.home");
        if (home != null) {
            return Path.of(home);
        }
        return java.nio.file.Files.isDirectory(Path.of("models")) ? Path.of(".") : Path.of("..");
    }

    private final Options options;
    private final LocalAws aws;
    private final LocalGateway gateway;
    private final LocalIngestMetrics ingestMetrics;
    private volatile LocalFeatureJob featureJob;
    private final LocalModels models;
    private final LiveMetrics liveMetrics;
    private final LocalArchiver archiver;
    private final ObjectMapper mapper = new ObjectMapper();

    private LocalPlatform(Options options, LocalAws aws, LocalGateway gateway, LocalIngestMetrics ingestMetrics,
                          LocalFeatureJob featureJob, LocalModels models, LiveMetrics liveMetrics,
                          LocalArchiver archiver) {
        this.options = options;
        this.aws = aws;
        this.gateway = gateway;
        this.ingestMetrics = ingestMetrics;
        this.featureJob = featureJob;
        this.models = models;
        this.liveMetrics = liveMetrics;
        this.archiver = archiver;
    }

    /** How often `up` looks for edits of the model folders and placements.json (they are served without a restart). */
    public static final java.time.Duration MODELS_RECHECK = java.time.Duration.ofMillis(500);

    /** Firehose's buffer interval, locally: how long archived records wait before their file appears. */
    public static final java.time.Duration ARCHIVE_BUFFER = java.time.Duration.ofSeconds(60);

    /** Where the local archive goes: {@code <work dir>/archive}, the default of {@code ./playerlens offline}. */
    public static Path archiveDir(Options options) {
        return options.workDir().resolve("archive");
    }

    public LocalArchiver archiver() {
        return archiver;
    }

    /**
     * What the launchers ({@code playerlens up}, {@code playerlens bench}) set first thing in {@code main}, before any
     * thread pool exists. On a machine with 2 cores the JDK's common fork-join pool has one thread, and then
     * {@code CompletableFuture}'s default executor is not that pool but a new thread per task: the JDK's HTTP client
     * (the simulator's and the bench's) completes every {@code sendAsync} through it, so each response started a
     * thread — 2.6 % of the JVM's CPU samples in a profile of the bench at 2,000 events/s. Two threads make it a pool
     * again; an explicit {@code -Djava.util.concurrent.ForkJoinPool.common.parallelism} wins.
     */
    public static void prepareJvm() {
        String parallelism = "java.util.concurrent.ForkJoinPool.common.parallelism";
        if (System.getProperty(parallelism) == null && Runtime.getRuntime().availableProcessors() <= 2) {
            System.setProperty(parallelism, "2");
        }
    }

    /**
     * Writes {@code <work dir>/endpoints.json} (emulator endpoints, table, archive, gateway and the local games' keys) so
     * the offline jobs and {@code model try} find this stack; removed on close.
     */
    private void publishEndpoints() {
        Map<String, String> keys = new java.util.LinkedHashMap<>();
        options.games().all().forEach(g -> keys.put(g.gameId(), g.apiKey()));
        new LocalEndpoints(aws.dynamoDbEndpoint(), aws.kinesisEndpoint(), PROFILES_TABLE, archiveDir(options), baseUrl(), keys)
                .write(options.workDir());
    }

    private Path endpointsFile() {
        return LocalEndpoints.file(options.workDir());
    }

    public static LocalPlatform start(Options options) {
        LocalAws aws = LocalAws.start(options.workDir().resolve("logs"));
        LocalFeatureJob featureJob = null;
        LiveMetrics liveMetrics = null;
        LocalArchiver archiver = null;
        try {
            aws.createStream(EVENTS_STREAM, options.shards());
            aws.createStream(QUARANTINE_STREAM, 1);
            aws.createTable(PROFILES_TABLE, ProfileItem.KEY);
            JobProperties jobProperties = LocalFeatureJob.properties(aws, EVENTS_STREAM, PROFILES_TABLE, QUARANTINE_STREAM,
                    options.workDir().resolve("checkpoints"));
            for (Map.Entry<String, String> setting : options.featureJobSettings().entrySet()) {
                jobProperties = jobProperties.with(FeatureJobProperties.JOB_GROUP, setting.getKey(), setting.getValue());
            }
            for (Map.Entry<String, String> setting : options.sourceSettings().entrySet()) {
                jobProperties = jobProperties.with(FeatureJobProperties.SOURCE_GROUP, setting.getKey(), setting.getValue());
            }
            for (Map.Entry<String, String> setting : options.sinkSettings().entrySet()) {
                jobProperties = jobProperties.with(FeatureJobProperties.SINK_GROUP, setting.getKey(), setting.getValue());
            }
            featureJob = LocalFeatureJob.start(jobProperties, options.parallelism());
            archiver = new LocalArchiver(aws.kinesis(), Map.of(EVENTS_STREAM, ArchiveLayout.RAW, QUARANTINE_STREAM, ArchiveLayout.QUARANTINE),
                    archiveDir(options), ARCHIVE_BUFFER).start();
            LocalIngestMetrics metrics = new LocalIngestMetrics();
            Map<String, String> env = lambdaEnvironment(aws, options.games());
            String placementsJson = placements(options.modelsDir());
            env.put(EnvVars.PLACEMENTS_JSON, placementsJson);
            IngestHandler ingest = new IngestHandler(env, metrics);
            ProfileHandler profiles = new ProfileHandler(env, ProfileMetrics.NONE);
            DynamoDbClient dynamo = AwsClients.dynamoDb(env); // as the model Lambdas build it: short timeouts, so an outage is a fallback
            LocalModels models = LocalModels.load(options.modelsDir(),
                    player -> ProfileStore.features(dynamo, PROFILES_TABLE, player)).watch(MODELS_RECHECK);
            LocalPlacements placements = new LocalPlacements(options.modelsDir(), MODELS_RECHECK);
            LocalOffersMetrics offersMetrics = new LocalOffersMetrics();
            LocalArchiver decisions = archiver;
            OffersHandler offers = new OffersHandler(env, placements, models, new OfferServedLog(decisions::archiveDecision), offersMetrics);
            LocalPlatform[] self = new LocalPlatform[1];
            LocalFeatureJob firstJob = featureJob;
            liveMetrics = new LiveMetrics(metrics, offersMetrics, () -> (self[0] == null ? firstJob : self[0].featureJob).counters()
                    .sum(MetricNames.DEAD_LETTERS), METRICS_RETAINED_SECONDS).start();
            DashboardEndpoint dashboard = new DashboardEndpoint(liveMetrics, dynamo, PROFILES_TABLE, models, placements,
                    options.games().first().gameId());
            LocalGateway gateway = LocalGateway.start(options.port(), ApiRoutes.ALL,
                    Map.of(ApiRoute.Backend.EVENT_INGEST, new LocalGateway.Function("playerlens-event-ingest", ingest),
                            ApiRoute.Backend.PROFILE_API, new LocalGateway.Function("playerlens-profile-api", profiles),
                            ApiRoute.Backend.OFFERS_API, new LocalGateway.Function("playerlens-offers-api", offers)),
                    Map.of("/health", (method, path, query) -> self[0].health(), DashboardEndpoint.PATH, dashboard));
            self[0] = new LocalPlatform(options, aws, gateway, metrics, featureJob, models, liveMetrics, archiver);
            self[0].publishEndpoints();
            return self[0];
        } catch (RuntimeException e) {
            if (archiver != null) {
                archiver.close();
            }
            if (liveMetrics != null) {
                liveMetrics.close();
            }
            if (featureJob != null) {
                featureJob.close();
            }
            aws.close();
            throw e;
        }
    }

    /** The environment the local Lambdas get (emulator endpoints, names, the local key's hash). */
    public Map<String, String> lambdaEnvironment() {
        Map<String, String> env = lambdaEnvironment(aws, options.games());
        env.put(EnvVars.PLACEMENTS_JSON, placements(options.modelsDir()));
        return env;
    }

    /** The environment the Lambdas get; on AWS the CDK app sets the same variables. */
    static Map<String, String> lambdaEnvironment(LocalAws aws, LocalGames games) {
        Map<String, String> env = new HashMap<>(aws.sdkEnvironment());
        env.put(EnvVars.EVENTS_STREAM_NAME, EVENTS_STREAM);
        env.put(EnvVars.QUARANTINE_STREAM_NAME, QUARANTINE_STREAM);
        env.put(EnvVars.PROFILES_TABLE_NAME, PROFILES_TABLE);
        env.put(EnvVars.API_KEY_HASHES, games.hashes());
        env.put(EnvVars.GAME_EVENT_LIMITS, games.limits());
        env.put(EnvVars.LOCAL_MODE, "true");
        return env;
    }

    /** {@code models/placements.json}, checked as declared (weights in percent adding up to 100), in its JSON form. */
    private static String placements(Path modelsDir) {
        return Placements.readDeclared(modelsDir).toJson(true).toString();
    }

    public LocalModels models() {
        return models;
    }

    public URI baseUrl() {
        return gateway.baseUrl();
    }

    public LocalAws aws() {
        return aws;
    }

    public Options options() {
        return options;
    }

    /** The feature job's settings as it runs them (the {@code FeatureJob} property group, overrides applied). */
    public java.util.SortedMap<String, String> featureJobSettings() {
        return featureJob.settings();
    }

    /** The dashboard's time series (one point per second). */
    public LiveMetrics liveMetrics() {
        return liveMetrics;
    }

    /** The feature job's dead letters so far: records, events and profile writes it refused (in the quarantine stream). */
    public long deadLetters() {
        return featureJob.counters().sum(MetricNames.DEAD_LETTERS);
    }

    /**
     * Fault injection: kills the feature job and restores it from its latest checkpoint (as Managed Flink does after a
     * failure); meanwhile events keep arriving in the stream, and {@code /health} reports the job down until it runs again.
     */
    public void killFeatureJobAndRestoreFromLatestCheckpoint() throws Exception {
        featureJob = featureJob.killAndRestoreFromLatestCheckpoint();
    }

    public LocalIngestMetrics ingestMetrics() {
        return ingestMetrics;
    }

    LocalGateway.Response health() {
        ObjectNode body = mapper.createObjectNode();
        ObjectNode components = mapper.createObjectNode();
        boolean kinesisUp = aws.kinesisResponds();
        boolean dynamoUp = aws.dynamoDbResponds();
        components.putObject("gateway").put("status", "up").put("url", baseUrl().toString());
        components.putObject("kinesis").put("status", kinesisUp ? "up" : "down")
                .put("endpoint", aws.kinesisEndpoint().toString())
                .put("events_stream", EVENTS_STREAM).put("quarantine_stream", QUARANTINE_STREAM);
        components.putObject("dynamodb").put("status", dynamoUp ? "up" : "down").put("endpoint", aws.dynamoDbEndpoint().toString());
        boolean flinkUp = featureJob.running();
        components.putObject("feature_job").put("status", flinkUp ? "up" : "down").put("job_status", featureJob.status())
                .put("profiles_table", PROFILES_TABLE).put("dead_letters", deadLetters())
                .put("late_events", featureJob.counters().sum("LateEvents"))
                .put("duplicate_events", featureJob.counters().sum("DuplicateEvents"));
        ObjectNode modelsNode = components.putObject("models");
        modelsNode.put("status", models.problems().isEmpty() ? "up" : "degraded");
        modelsNode.putPOJO("served", models.services().keySet());
        modelsNode.putPOJO("not_served", models.problems());
        ObjectNode ingest = components.putObject("event_ingest");
        ingest.put("status", "up");
        ingestMetrics.snapshot().forEach((k, v) -> ingest.put(k, v.doubleValue()));
        boolean allUp = kinesisUp && dynamoUp && flinkUp;
        body.put("status", allUp ? "ok" : "degraded");
        body.set("components", components);
        return LocalGateway.Response.json(allUp ? 200 : 503, body.toString());
    }

    @Override
    public void close() {
        liveMetrics.close();
        gateway.close();
        models.close();
        archiver.close();
        try {
            java.nio.file.Files.deleteIfExists(endpointsFile());
        } catch (java.io.IOException e) {
            LOG.warn("cannot remove {}: {}", endpointsFile(), e.toString());
        }
        featureJob.close();
        aws.close();
    }

}
