package io.playerlens.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * The whole CDK app synthesised as {@code cdk synth} does (core and every model stack, assets staged), for tests
 * that read the templates: which functions exist, with which handler, code and environment.
 */
final class SynthesizedApp {
    /** One Java Lambda of a template: its handler, where its code was staged, and its environment (intrinsics kept). */
    record JavaFunction(String stack, String logicalId, String handler, Path code, Map<String, Object> environment) {
    }

    final Path outdir;
    final Map<String, Template> templates = new LinkedHashMap<>();

    SynthesizedApp(Map<String, Object> context) {
        outdir = Path.of("target", "cdk.out-it").toAbsolutePath();
        Map<String, Object> withAssetMetadata = new LinkedHashMap<>(context);
        withAssetMetadata.put("aws:cdk:enable-asset-metadata", true); // as the CLI sets it: where each asset was staged
        App app = new App(AppProps.builder().outdir(outdir.toString()).context(withAssetMetadata).build());
        PlayerlensApp.build(app);
        app.getNode().getChildren().stream().filter(c -> c instanceof Stack).map(c -> (Stack) c)
                .forEach(stack -> templates.put(stack.getStackName(), Template.fromStack(stack)));
    }

    @SuppressWarnings("unchecked")
    List<JavaFunction> javaFunctions() {
        List<JavaFunction> functions = new ArrayList<>();
        templates.forEach((stack, template) -> template.findResources("AWS::Lambda::Function").forEach((id, resource) -> {
            Map<String, Object> properties = (Map<String, Object>) resource.get("Properties");
            if (!"java21".equals(properties.get("Runtime"))) {
                return;
            }
            Map<String, Object> metadata = (Map<String, Object>) resource.get("Metadata");
            Path code = outdir.resolve(String.valueOf(metadata.get("aws:asset:path")));
            Map<String, Object> env = properties.containsKey("Environment")
                    ? (Map<String, Object>) ((Map<String, Object>) properties.get("Environment")).get("Variables") : Map.of();
            functions.add(new JavaFunction(stack, id, String.valueOf(properties.get("Handler")), code, env));
        }));
        return functions;
    }

    /**
     * A template value as the deployed function sees it: strings as they are, {@code Ref}s and {@code Fn::GetAtt}s as
     * a stand-in of the right shape (an ARN for ARN attributes, a name otherwise), joins joined.
     */
    @SuppressWarnings("unchecked")
    static String resolve(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Map<?, ?> map) {
            if (map.containsKey("Ref")) {
                return "resolved-" + map.get("Ref");
            }
            if (map.containsKey("Fn::GetAtt")) {
                List<Object> att = (List<Object>) map.get("Fn::GetAtt");
                return String.valueOf(att.get(1)).endsWith("Arn")
                        ? "arn:aws:secretsmanager:us-east-1:123456789012:secret:" + att.get(0) : "resolved-" + att.get(0);
            }
            if (map.containsKey("Fn::Join")) {
                List<Object> join = (List<Object>) map.get("Fn::Join");
                StringBuilder out = new StringBuilder();
                List<Object> parts = (List<Object>) join.get(1);
                for (int i = 0; i < parts.size(); i++) {
                    out.append(i > 0 ? join.get(0) : "").append(resolve(parts.get(i)));
                }
                return out.toString();
            }
        }
        return String.valueOf(value);
    }
}
