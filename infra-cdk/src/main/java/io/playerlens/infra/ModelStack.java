package io.playerlens.infra;

import io.playerlens.contracts.config.EnvVars;
import io.playerlens.contracts.metrics.MetricNames;
import io.playerlens.contracts.offers.ModelFunctions;
import io.playerlens.contracts.offers.Placement;
import io.playerlens.contracts.offers.PlacementParameters;
import io.playerlens.contracts.offers.Placements;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.codedeploy.AutoRollbackConfig;
import software.amazon.awscdk.services.codedeploy.LambdaDeploymentConfig;
import software.amazon.awscdk.services.codedeploy.LambdaDeploymentGroup;
import software.amazon.awscdk.services.dynamodb.TableV2;
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
 * One model, deployed on its own: its Lambda (the generic model handler with the model folder beside it), a
 * {@code live} alias shifted by a CodeDeploy canary that rolls back on the model's error and latency alarms, its
 * registration as a variant of its placement (an SSM parameter the offers API reads), and its own dashboard.
 * It finds the shared table through SSM, never a CloudFormation export, so it can be removed at any time.
 */
public final class ModelStack extends software.amazon.awscdk.Stack {

    public ModelStack(Construct scope, StackProps stackProps, ModelStackProps props) {
        super(scope, "PlayerlensModel-" + props.model(), stackProps);
        String functionName = ModelFunctions.DEFAULT_PREFIX + props.model();
        String table = StringParameter.valueForStringParameter(this, SharedParameters.PROFILES_TABLE);

        Function function = Function.Builder.create(this, "Function")
                .functionName(functionName)
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler("io.playerlens.models.ModelHandler")
                .code(Code.fromAsset(stage(props.model()).toString()))
                .memorySize(props.memoryMb())
                .timeout(Duration.seconds(5))
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .environment(Map.of(EnvVars.PROFILES_TABLE_NAME, table, EnvVars.MODEL_DIR, "/var/task/model"))
                .logGroup(LogGroup.Builder.create(this, "Logs").retention(RetentionDays.ONE_MONTH).removalPolicy(RemovalPolicy.DESTROY).build())
                .build();
        TableV2.fromTableName(this, "Profiles", table).grantReadData(function);
        NagAcknowledgments.javaLambda(function);
        Alias live = Alias.Builder.create(this, "Live").aliasName(ModelFunctions.ALIAS).version(function.getCurrentVersion()).build();

        Alarm errors = Alarm.Builder.create(this, "ErrorsAlarm").alarmDescription(props.model() + " model errors")
                .metric(live.metricErrors(MetricOptions.builder().period(Duration.minutes(1)).build()))
                .threshold(0).evaluationPeriods(1).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING).build();
        Alarm latency = Alarm.Builder.create(this, "LatencyAlarm")
                .alarmDescription(props.model() + " p99 duration over its " + props.latencyBudgetMillis() + " ms budget")
                .metric(live.metricDuration(MetricOptions.builder().statistic("p99").period(Duration.minutes(1)).build()))
                .threshold(props.latencyBudgetMillis()).evaluationPeriods(3).datapointsToAlarm(2)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).treatMissingData(TreatMissingData.NOT_BREACHING).build();
        LambdaDeploymentGroup deployment = LambdaDeploymentGroup.Builder.create(this, "Deployment")
                .alias(live)
                .deploymentConfig(LambdaDeploymentConfig.CANARY_10_PERCENT_5_MINUTES)
                .alarms(List.of(errors, latency))
                .autoRollback(AutoRollbackConfig.builder().failedDeployment(true).deploymentInAlarm(true).stoppedDeployment(true).build())
                .build();
        NagAcknowledgments.codeDeployRole(deployment.getRole());

        for (ModelStackProps.Registration registration : props.registrations()) {
            // The first keeps the id it always had, so an update never replaces (and so never re-creates) its parameter.
            String id = registration == props.registrations().get(0) ? "Registration" : "Registration-" + registration.placement();
            StringParameter.Builder.create(this, id)
                    .parameterName(PlacementParameters.variant(registration.placement(), props.model()))
                    .stringValue(Placements.variantJson(new Placement.Variant(registration.variant(), props.model(), registration.weight(), registration.shadow()))
                            .toString())
                    .build();
        }

        Metric served = offersMetric(MetricNames.OFFERS_SERVED, props.model(), "Sum");
        Dashboard.Builder.create(this, "Dashboard").dashboardName("playerlens-model-" + props.model()).widgets(List.of(List.of(
                GraphWidget.Builder.create().title(props.model() + ": offers latency p50 / p99 (ms)").width(8).left(List.of(
                        offersMetric(MetricNames.OFFERS_LATENCY_MS, props.model(), "p50"),
                        offersMetric(MetricNames.OFFERS_LATENCY_MS, props.model(), "p99"))).build(),
                GraphWidget.Builder.create().title(props.model() + ": served").width(8).left(List.of(served)).build(),
                GraphWidget.Builder.create().title(props.model() + ": Lambda errors / p99 duration").width(8)
                        .left(List.of(live.metricErrors())).right(List.of(live.metricDuration(MetricOptions.builder().statistic("p99").build())))
                        .build()))).build();
    }

    private static Metric offersMetric(String name, String model, String statistic) {
        return Observability.offers(name, model, statistic);
    }

    /** The Lambda package: the generic model Lambda jar under {@code lib/} and the model folder under {@code model/}. */
    static Path stage(String model) {
        Path folder = Path.of("..", "models", model);
        if (!Files.exists(folder.resolve("model.json"))) {
            throw new IllegalArgumentException("no model folder " + folder.toAbsolutePath().normalize() + " (with a model.json)");
        }
        Path staging = Path.of("target", "model-assets", model);
        try {
            copyTree(folder, staging.resolve("model"));
            Files.createDirectories(staging.resolve("lib"));
            Files.copy(Path.of(Artifacts.lambdaJar("model-lambdas")), staging.resolve("lib").resolve("model-lambdas.jar"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage model " + model, e);
        }
        return staging;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
