package io.playerlens.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: {@code ./playerlens cdk synth} (offline, no credentials) writes the templates to {@code cdk.out/}.
 * Context: {@code playerlens:alarmEmail} (optional) receives the alarms. The games' API keys are not context: they
 * live in the secret the core stack creates, so no deploy can replace them (docs/deploy.md).
 */
public final class PlayerlensApp {
    public static final String ALARM_EMAIL_CONTEXT = "playerlens:alarmEmail";
    /** The context value that once held the keys; a deploy with it replaced the real keys, so it is refused. */
    public static final String LEGACY_API_KEY_HASHES_CONTEXT = "playerlens:apiKeyHashes";

    private PlayerlensApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        build(app);
        app.synth();
    }

    /** Adds the core stack and every model stack to {@code app}. */
    static void build(App app) {
        if (app.getNode().tryGetContext(LEGACY_API_KEY_HASHES_CONTEXT) != null) {
            throw new IllegalArgumentException(LEGACY_API_KEY_HASHES_CONTEXT + " is no longer read: a deploy with it replaced the games' "
                    + "keys. Remove it from cdk.json and -c, and put game_id:sha256hex,... into the ApiKeys secret the core stack "
                    + "outputs (docs/deploy.md)");
        }
        Object email = app.getNode().tryGetContext(ALARM_EMAIL_CONTEXT);
        // The region comes from AWS_REGION or the profile through the CLI (CDK_DEFAULT_REGION is the CLI's output, not an input).
        StackProps env = StackProps.builder().env(Environment.builder()
                .account(System.getenv("CDK_DEFAULT_ACCOUNT")).region(System.getenv("CDK_DEFAULT_REGION")).build()).build();
        new CoreStack(app, "PlayerlensCore", env, CoreStackProps.defaults(email == null ? null : email.toString()));
        Models.addTo(app, env);
    }
}
