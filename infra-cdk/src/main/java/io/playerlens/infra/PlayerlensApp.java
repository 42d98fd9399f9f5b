package io.playerlens.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: {@code ./playerlens cdk synth} (offline, no credentials) writes the templates to {@code cdk.out/}.
 * The games' API key hashes come from the context value {@code playerlens:apiKeyHashes}.
 */
public final class PlayerlensApp {
    public static final String API_KEY_HASHES_CONTEXT = "playerlens:apiKeyHashes";

    private PlayerlensApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        Object hashes = app.getNode().tryGetContext(API_KEY_HASHES_CONTEXT);
        if (hashes == null || hashes.toString().isBlank()) {
            throw new IllegalArgumentException("set the games' API key hashes: cdk synth -c " + API_KEY_HASHES_CONTEXT
                    + "=game_id:sha256hex,... (see docs/deploy.md)");
        }
        StackProps env = StackProps.builder().env(Environment.builder()
                .account(System.getenv("CDK_DEFAULT_ACCOUNT")).region(System.getenv("CDK_DEFAULT_REGION")).build()).build();
        new CoreStack(app, "PlayerlensCore", env, CoreStackProps.defaults(hashes.toString()));
        Models.addTo(app, env);
        app.synth();
    }
}
