package io.playerlens.infra;

import io.playerlens.contracts.api.ApiRoute;
import io.playerlens.contracts.api.ApiRoutes;
import io.playerlens.contracts.config.EnvVars;
import io.playerlens.contracts.offers.ModelFunctions;
import io.playerlens.contracts.profile.ProfileItem;
import io.playerlens.contracts.offers.PlacementParameters;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.Billing;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.TableEncryptionV2;
import software.amazon.awscdk.services.dynamodb.TableV2;
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
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

/**
 * The shared platform: streams, the profiles table, the HTTP API with its routes (from {@link ApiRoutes}, the list
 * the local gateway serves), and the ingest, profile and offers Lambdas. Model stacks find what they need through
 * SSM parameters ({@link SharedParameters}), never CloudFormation exports, so a model can be removed freely.
 */
public final class CoreStack extends Stack {
    public static final String EVENTS_STREAM = "playerlens-events";
    public static final String QUARANTINE_STREAM = "playerlens-quarantine";
    public static final String PROFILES_TABLE = "playerlens-profiles";

    private final Stream events;
    private final Stream quarantine;
    private final TableV2 profiles;
    private final RawArchive archive;
    private final FeatureJobApplication featureJob;
    private final HttpApi api;
    private final Map<ApiRoute.Backend, Alias> backends = new HashMap<>();

    public CoreStack(Construct scope, String id, StackProps stackProps, CoreStackProps props) {
        super(scope, id, stackProps);
        this.events = eventsStream(props);
        this.quarantine = Stream.Builder.create(this, "QuarantineStream").streamName(QUARANTINE_STREAM)
                .streamMode(StreamMode.ON_DEMAND).encryption(StreamEncryption.MANAGED).retentionPeriod(Duration.days(7)).build();
        this.profiles = profilesTable();
        this.archive = new RawArchive(this, "RawArchive", events, quarantine);
        this.featureJob = new FeatureJobApplication(this, "FeatureJob", events, quarantine, profiles, props.flinkParallelism());

        Map<String, String> common = Map.of(EnvVars.API_KEY_HASHES, props.apiKeyHashes(), EnvVars.EVENTS_STREAM_NAME, EVENTS_STREAM);
        Alias ingest = javaLambda("EventIngest", "event-ingest-lambda", "io.playerlens.ingest.IngestHandler", 1024,
                merge(common, Map.of(EnvVars.QUARANTINE_STREAM_NAME, QUARANTINE_STREAM)));
        events.grantWrite(ingest);
        quarantine.grantWrite(ingest);
        Alias profile = javaLambda("ProfileApi", "profile-api-lambda", "io.playerlens.profile.ProfileHandler", 512,
                merge(common, Map.of(EnvVars.PROFILES_TABLE_NAME, PROFILES_TABLE)));
        profiles.grantReadWriteData(profile);
        events.grantWrite(profile);
        ObjectNode placementSettings = PlacementSettings.settings(Path.of("..", "models", "placements.json"));
        Alias offers = javaLambda("OffersApi", "offers-api-lambda", "io.playerlens.offers.OffersHandler", 512,
                merge(common, Map.of(EnvVars.PLACEMENTS_SSM_PATH, PlacementParameters.ROOT, EnvVars.MODEL_FUNCTION_PREFIX, ModelFunctions.DEFAULT_PREFIX,
                        EnvVars.PLACEMENTS_JSON, placementSettings.toString())));
        events.grantWrite(offers);
        offers.addToRolePolicy(PolicyStatement.Builder.create().actions(List.of("ssm:GetParametersByPath"))
                .resources(List.of(Stack.of(this).formatArn(ArnComponents.builder().service("ssm").resource("parameter")
                        .resourceName(PlacementParameters.ROOT.substring(1) + "*").build()))).build());
        offers.addToRolePolicy(PolicyStatement.Builder.create().actions(List.of("lambda:InvokeFunction"))
                .resources(List.of(Stack.of(this).formatArn(ArnComponents.builder().service("lambda").resource("function")
                        .resourceName(ModelFunctions.DEFAULT_PREFIX + "*").arnFormat(ArnFormat.COLON_RESOURCE_NAME).build()))).build());
        PlacementSettings.publish(this, placementSettings);
        backends.put(ApiRoute.Backend.EVENT_INGEST, ingest);
        backends.put(ApiRoute.Backend.PROFILE_API, profile);
        backends.put(ApiRoute.Backend.OFFERS_API, offers);

        this.api = httpApi(props);
        new Observability(this, "Observability", events, FeatureJobApplication.APPLICATION_NAME, Map.of(
                "EventIngest", ingest.getVersion().getLambda(), "ProfileApi", profile.getVersion().getLambda(),
                "OffersApi", offers.getVersion().getLambda()));
        SharedParameters.publish(this, api.getApiId(), profiles.getTableName(), events.getStreamName());
    }

    private Stream eventsStream(CoreStackProps props) {
        Stream.Builder stream = Stream.Builder.create(this, "EventsStream").streamName(EVENTS_STREAM)
                .encryption(StreamEncryption.MANAGED).retentionPeriod(Duration.days(7));
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
        return TableV2.Builder.create(this, "ProfilesTable").tableName(PROFILES_TABLE)
                .partitionKey(Attribute.builder().name(ProfileItem.PLAYER_ID).type(AttributeType.STRING).build())
                .billing(Billing.onDemand())
                .timeToLiveAttribute(ProfileItem.EXPIRES_AT)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
                .encryption(TableEncryptionV2.awsManagedKey())
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }

    /** A Java 21 arm64 Lambda with SnapStart on published versions; callers use its {@code live} alias. */
    private Alias javaLambda(String id, String module, String handler, int memoryMb, Map<String, String> environment) {
        LogGroup logs = LogGroup.Builder.create(this, id + "Logs").retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY).build();
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
        return Alias.Builder.create(this, id + "Live").aliasName("live").version(function.getCurrentVersion()).build();
    }

    private HttpApi httpApi(CoreStackProps props) {
        HttpApi httpApi = HttpApi.Builder.create(this, "HttpApi").apiName("playerlens").createDefaultStage(true).build();
        software.amazon.awscdk.services.apigatewayv2.CfnStage stage =
                (software.amazon.awscdk.services.apigatewayv2.CfnStage) httpApi.getDefaultStage().getNode().getDefaultChild();
        stage.setDefaultRouteSettings(software.amazon.awscdk.services.apigatewayv2.CfnStage.RouteSettingsProperty.builder()
                .throttlingRateLimit(props.throttleRatePerSecond()).throttlingBurstLimit(props.throttleBurst()).build());
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

    public TableV2 profiles() {
        return profiles;
    }

    public RawArchive archive() {
        return archive;
    }

    public HttpApi api() {
        return api;
    }

}
