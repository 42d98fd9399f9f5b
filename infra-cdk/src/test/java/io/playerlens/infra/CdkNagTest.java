package io.playerlens.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.PolicyValidationPluginReport;
import software.amazon.awscdk.PolicyViolation;
import software.amazon.awscdk.Stack;

/**
 * cdk-nag's AwsSolutions pack on every stack of the app: no finding is left unaddressed — each is fixed, or
 * acknowledged where it is decided, with its reason ({@link NagAcknowledgments}).
 */
class CdkNagTest {

    @Test
    void awsSolutions_hasNoUnacknowledgedFinding() {
        App app = new App();
        PlayerlensApp.build(app);
        List<String> findings = new ArrayList<>();
        for (var child : app.getNode().getChildren()) {
            if (child instanceof Stack stack) {
                PolicyValidationPluginReport report = new AwsSolutionsChecks(app).validateScope(stack);
                for (PolicyViolation violation : report.getViolations()) {
                    violation.getViolatingResources().forEach(r -> findings.add(violation.getRuleName() + " " + stack.getStackName() + "/"
                            + r.getConstructPath() + ": " + violation.getDescription().split("\n")[0]));
                }
            }
        }
        assertThat(findings).isEmpty();
    }
}
