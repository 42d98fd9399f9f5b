package io.playerlens.infra;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.api.ApiRoute;
import io.playerlens.contracts.api.ApiRoutes;
import io.playerlens.contracts.config.EnvVars;
import io.playerlens.contracts.offers.ModelFunctions;
import io.playerlens.contracts.offers.PlacementParameters;
import io.playerlens.contracts.profile.ProfileItem;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.Billing;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.TableEncryptionV2;
import software.amazon.awscdk.services.dynamodb.TableV2;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kinesis.Stream;
import software.amazon.awscdk.services.kinesis.StreamEncryption;
import software.amazon.awscdk.services.kinesis.StreamMode;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The shared platform: streams, the profiles table, the API key secret, the HTTP API with its routes (from
 * {@link ApiRoutes}, the list the local gateway serves), and the ingest, profile and offers Lambdas. Model stacks find
 * what they need through SSM parameters ({@link SharedParameters}), never CloudFormation exports, so a model can be
 * removed freely.
 *
 * <p>A first deploy to a fresh account must succeed and a failed one must be retryable: no Lambda's init reads
 * anything that is legitimately empty at that point (the placement registry, the keys) — they are read at request
 * time — and the stateful resources have no fixed names and are retained on update or delete but removed when their
 * own creation rolls back ({@code RETAIN_ON_UPDATE_OR_DELETE}), so a retry never fails on "already exists".
 */
public final class CoreStack extends Stack {
    /** The Lambdas, by the id their constructs and alarms use. */
    static final String INGEST = "EventIngest";
    static final String PROFILE = "ProfileApi";
    static final String OFFERS = "OffersApi";

    private final Stream events;
    private final Stream quarantine;
    private final TableV2 profiles;
    private final Secret apiKeys;
    private final RawArchive archive;
    private final FeatureJobApplication featureJob;
    private final HttpApi api;
    private final Map<ApiRoute.Backend, Alias> backends = new HashMap<>();
    private final Map<String, Function> functions = new HashMap<>();
    private final Map<String, LogGroup> logGroups = new HashMap<>();
    private String decisionsDelivery;

    public CoreStack(Construct scope, String id, StackProps stackProps, CoreStackProps props) {
        super(scope, id, stackProps);
        this.events = eventsStream(props);
        // The quarantine carries only refusals: one provisioned shard (~$11/month) instead of on-demand (~$29/month).
        this.quarantine = Stream.Builder.create(this, "QuarantineStream").streamMode(StreamMode.PROVISIONED).shardCount(1)
                .encryption(StreamEncryption.MANAGED).retentionPeriod(Duration.days(7))
                .removalPolicy(RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE).build();
        this.profiles = profilesTable();
        this.apiKeys = apiKeySecret();
        this.archive = new RawArchive(this, "RawArchive", events, quarantine);
        this.featureJob = new FeatureJobApplication(this, "FeatureJob", events, quarantine, profiles, props.flinkParallelism());
        lambdas();
        this.api = httpApi(props);
        Observability observability = new Observability(this, "Observability", props.alarmEmail(), events, FeatureJobApplication.APPLICATION_NAME,
                Map.of(INGEST, functions.get(INGEST), PROFILE, functions.get(PROFILE), OFFERS, functions.get(OFFERS)));
        observability.alarmOnApi(api);
        observability.alarmOnDecisionArchive(decisionsDelivery, logGroups.get(OFFERS).getLogGroupName(), RawArchive.DECISIONS_FILTER);
        SharedParameters.publish(this, api.getApiId(), profiles.getTableName(), events.getStreamName());
        CfnOutput.Builder.create(this, "ApiUrl").description("The HTTP API's base URL: POST {url}v1/events")
                .value(api.getApiEndpoint() + "/").build();
        CfnOutput.Builder.create(this, "ApiKeysSecret").description("Put game_id:sha256hex,... here (docs/deploy.md)")
                .value(apiKeys.getSecretArn()).build();
    }

    private void lambdas() {
        Map<String, String> common = Map.of(EnvVars.API_KEYS_SECRET_ARN, apiKeys.getSecretArn());
        Alias ingest = javaLambda(INGEST, "event-ingest-lambda", "io.playerlens.ingest.IngestHandler", 1024,
                merge(common, Map.of(EnvVars.EVENTS_STREAM_NAME, events.getStreamName(), EnvVars.QUARANTINE_STREAM_NAME,
                        quarantine.getStreamName())));
        events.grantWrite(ingest);
        quarantine.grantWrite(ingest);
        Alias profile = javaLambda(PROFILE, "profile-api-lambda", "io.playerlens.profile.ProfileHandler", 512,
                merge(common, Map.of(EnvVars.EVENTS_STREAM_NAME, events.getStreamName(), EnvVars.PROFILES_TABLE_NAME,
                        profiles.getTableName())));
        profiles.grantReadWriteData(profile);
        events.grantWrite(profile);
        ObjectNode placementSettings = PlacementSettings.settings(Models.DIR);
        Alias offers = javaLambda(OFFERS, "offers-api-lambda", "io.playerlens.offers.OffersHandler", 512,
                merge(common, Map.of(EnvVars.PLACEMENTS_SSM_PATH, PlacementParameters.ROOT, EnvVars.MODEL_FUNCTION_PREFIX,
                        ModelFunctions.DEFAULT_PREFIX, EnvVars.PLACEMENTS_JSON, placementSettings.toString())));
        // Decisions leave as log lines (OfferServedLog): no stream write on the request path.
        decisionsDelivery = archive.archiveDecisions(logGroups.get(OFFERS));
        offers.addToRolePolicy(PolicyStatement.Builder.create().actions(List.of("ssm:GetParametersByPath"))
                .resources(List.of(Stack.of(this).formatArn(ArnComponents.builder().service("ssm").resource("parameter")
                        .resourceName(PlacementParameters.ROOT.substring(1) + "*").build()))).build());
        offers.addToRolePolicy(PolicyStatement.Builder.create().actions(List.of("lambda:InvokeFunction"))
                .resources(List.of(Stack.of(this).formatArn(ArnComponents.builder().service("lambda").resource("function")
                        .resourceName(ModelFunctions.DEFAULT_PREFIX + "*").arnFormat(ArnFormat.COLON_RESOURCE_NAME).build()))).build());
        PlacementSettings.publish(this, placementSettings);
        NagAcknowledgments.offersRole(offers.getRole());
        for (Alias alias : List.of(ingest, profile, offers)) {
            apiKeys.grantRead(alias);
        }
        backends.put(ApiRoute.Backend.EVENT_INGEST, ingest);
        backends.put(ApiRoute.Backend.PROFILE_API, profile);
        backends.put(ApiRoute.Backend.OFFERS_API, offers);
    }

    private Stream eventsStream(CoreStackProps props) {
        Stream.Builder stream = Stream.Builder.create(this, "EventsStream")
                .encryption(StreamEncryption.MANAGED).retentionPeriod(Duration.days(7))
                .removalPolicy(RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE);
        if (props.provisionedShards() > 0) {
            stream.streamMode(StreamMode.PROVISIONED).shardCount(props.provisionedShards());
        } else {
            stream.streamMode(StreamMode.ON_DEMAND);
        }
        Stream built = stream.build();
        if (props.provisionedShards() > 0) {
            new StreamScaler(this, "EventsStreamScaler", built, props.provisionedShards() * 8);
        }
        return built;
    }

    private TableV2 profilesTable() {
        return TableV2.Builder.create(this, "ProfilesTable")
                .partitionKey(Attribute.builder().name(ProfileItem.KEY).type(AttributeType.STRING).build())
                .billing(Billing.onDemand())
                .timeToLiveAttribute(ProfileItem.EXPIRES_AT)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
                .encryption(TableEncryptionV2.awsManagedKey())
                .removalPolicy(RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE)
                .build();
    }

    /**
     * The games' API key hashes, {@code game_id:sha256hex,...}. The stack only creates the secret (with a generated
     * value that holds no key); the keys are put into it after the first deploy and rotated there, so no deploy can
     * replace them (a context value did, with a placeholder). Retained: losing it would lock every game out.
     */
    private Secret apiKeySecret() {
        Secret secret = Secret.Builder.create(this, "ApiKeys")
                .description("playerlens API key hashes: game_id:sha256hex,... (docs/deploy.md); read by the API Lambdas")
                .generateSecretString(SecretStringGenerator.builder().excludePunctuation(true).includeSpace(false).passwordLength(32).build())
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        NagAcknowledgments.keysRotatedByTheStudio(secret);
        return secret;
    }

    /** A Java 21 arm64 Lambda with SnapStart on published versions; callers use its {@code live} alias. */
    private Alias javaLambda(String id, String module, String handler, int memoryMb, Map<String, String> environment) {
        LogGroup logs = LogGroup.Builder.create(this, id + "Logs").retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY).build();
        logGroups.put(id, logs);
        Function function = Function.Builder.create(this, id + "Function")
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(handler)
                .code(Code.fromAsset(Artifacts.lambdaJar(module)))
                .memorySize(memoryMb)
                .timeout(Duration.seconds(10))
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .environment(environment)
                .logGroup(logs)
                .build();
        functions.put(id, function);
        NagAcknowledgments.javaLambda(function);
        return Alias.Builder.create(this, id + "Live").aliasName(io.playerlens.contracts.config.Names.LIVE_ALIAS).version(function.getCurrentVersion()).build();
    }

    private HttpApi httpApi(CoreStackProps props) {
        HttpApi httpApi = HttpApi.Builder.create(this, "HttpApi").apiName("playerlens").createDefaultStage(true).build();
        CfnStage stage = (CfnStage) httpApi.getDefaultStage().getNode().getDefaultChild();
        stage.setDefaultRouteSettings(CfnStage.RouteSettingsProperty.builder()
                .throttlingRateLimit(props.throttleRatePerSecond()).throttlingBurstLimit(props.throttleBurst()).build());
        LogGroup accessLogs = LogGroup.Builder.create(this, "ApiAccessLogs").retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY).build();
        stage.setAccessLogSettings(CfnStage.AccessLogSettingsProperty.builder().destinationArn(accessLogs.getLogGroupArn())
                .format("{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\",\"time\":\"$context.requestTime\","
                        + "\"method\":\"$context.httpMethod\",\"route\":\"$context.routeKey\",\"status\":\"$context.status\","
                        + "\"length\":\"$context.responseLength\",\"latency\":\"$context.responseLatency\","
                        + "\"integrationLatency\":\"$context.integrationLatency\",\"error\":\"$context.integrationErrorMessage\"}")
                .build());
        NagAcknowledgments.apiKeysCheckedInTheLambdas(httpApi);
        for (ApiRoute route : ApiRoutes.ALL) {
            httpApi.addRoutes(AddRoutesOptions.builder()
                    .path(route.pathTemplate())
                    .methods(List.of(HttpMethod.valueOf(route.method())))
                    .integration(new HttpLambdaIntegration(route.backend().name() + route.method(), backends.get(route.backend())))
                    .build());
        }
        return httpApi;
    }

    private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        Map<String, String> merged = new HashMap<>(a);
        merged.putAll(b);
        return merged;
    }

    public Stream events() {
        return events;
    }

    public Stream quarantine() {
        return quarantine;
    }

    public TableV2 profiles() {
        return profiles;
    }

    public Secret apiKeys() {
        return apiKeys;
    }

    public RawArchive archive() {
        return archive;
    }

    public FeatureJobApplication featureJob() {
        return featureJob;
    }

    public HttpApi api() {
        return api;
    }
}
