package io.playerlens.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class ModelStackTest {
    private static Template template;

    @BeforeAll
    static void synth() {
        template = Template.fromStack(new ModelStack(new App(), StackProps.builder().build(),
                ModelStackProps.model("store-logreg").register("store", "B", 20).latencyBudgetMillis(50).build()));
    }

    @Test
    void modelLambda_isTheGenericHandler_namedForTheOffersApi_withItsFolderBesideIt() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "FunctionName", "playerlens-model-store-logreg",
                "Handler", "io.playerlens.models.ModelHandler",
                "Runtime", "java21", "Architectures", List.of("arm64"),
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                "Environment", Map.of("Variables", Match.objectLike(Map.of("MODEL_DIR", "/var/task/model")))));
        template.hasResourceProperties("AWS::Lambda::Alias", Map.of("Name", "live"));
        assertThat(ModelStack.stage("store-logreg").resolve("model").resolve("model.onnx")).exists();
        assertThat(ModelStack.stage("store-logreg").resolve("lib").resolve("model-lambdas.jar")).exists();
    }

    @Test
    void deployments_areCanaries_thatRollBackOnTheModelsAlarms() {
        template.hasResourceProperties("AWS::CodeDeploy::DeploymentGroup", Match.objectLike(Map.of(
                "DeploymentConfigName", "CodeDeployDefault.LambdaCanary10Percent5Minutes",
                "AutoRollbackConfiguration", Map.of("Enabled", true,
                        "Events", Match.arrayWith(List.of("DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"))),
                "AlarmConfiguration", Match.objectLike(Map.of("Enabled", true)))));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "Duration", "ExtendedStatistic", "p99", "Threshold", 50));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "Errors", "Threshold", 0));
    }

    @Test
    void theModel_registersItsVariantAndWeight_forItsPlacement() {
        template.hasResourceProperties("AWS::SSM::Parameter", Map.of(
                "Name", "/playerlens/placements/store/variants/store-logreg",
                "Value", "{\"variant\":\"B\",\"model\":\"store-logreg\",\"weight\":20}"));
    }

    @Test
    void theSharedTable_isFoundThroughSsm_withoutExportsOrImports() {
        String json = template.toJSON().toString();
        assertThat(json).doesNotContain("Fn::ImportValue").doesNotContain("Export");
        assertThat(json).contains(SharedParameters.PROFILES_TABLE);
        template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
    }

    @Test
    void addingModelStacks_changesNothingInTheCoreTemplate() {
        App alone = new App();
        CoreStack coreAlone = new CoreStack(alone, "PlayerlensCore", StackProps.builder().build(), CoreStackProps.defaults("g:" + "b".repeat(64)));
        App withModels = new App();
        CoreStack coreWithModels = new CoreStack(withModels, "PlayerlensCore", StackProps.builder().build(),
                CoreStackProps.defaults("g:" + "b".repeat(64)));
        Models.addTo(withModels, StackProps.builder().build());

        assertThat(Template.fromStack(coreWithModels).toJSON()).isEqualTo(Template.fromStack(coreAlone).toJSON());
    }
}
