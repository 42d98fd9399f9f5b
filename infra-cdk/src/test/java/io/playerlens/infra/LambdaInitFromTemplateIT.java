package io.playerlens.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.playerlens.contracts.config.EnvVars;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A first {@code cdk deploy} to a fresh account publishes every Lambda's version by running its init (SnapStart runs
 * the constructor then): here each handler's constructor runs in a process of its own, from the code the template
 * deploys, with exactly the environment the template gives it, on an empty account — no placement variant registered,
 * no API key in the secret, and every AWS endpoint unreachable, so an init that reads anything (SSM, Secrets
 * Manager, DynamoDB) fails this test as it would fail the deploy.
 */
class LambdaInitFromTemplateIT {
    private static final String UNREACHABLE = "http://127.0.0.1:9";

    @Test
    void everyLambdasInit_succeeds_withItsTemplatesEnvironment_onAnEmptyAccount() throws Exception {
        SynthesizedApp app = new SynthesizedApp(Map.of());
        List<SynthesizedApp.JavaFunction> functions = app.javaFunctions();
        assertThat(functions).extracting(SynthesizedApp.JavaFunction::handler).contains("io.playerlens.ingest.IngestHandler",
                "io.playerlens.profile.ProfileHandler", "io.playerlens.offers.OffersHandler", "io.playerlens.models.ModelHandler");

        List<String> failures = new ArrayList<>();
        for (SynthesizedApp.JavaFunction function : functions) {
            String output = init(function);
            if (!output.contains("INIT OK")) {
                failures.add(function.stack() + "/" + function.logicalId() + ": " + output);
            }
        }
        assertThat(failures).isEmpty();
    }

    private static String init(SynthesizedApp.JavaFunction function) throws Exception {
        Path taskRoot = function.code();
        Map<String, String> env = new HashMap<>();
        function.environment().forEach((name, value) ->
                env.put(name, SynthesizedApp.resolve(value).replace("/var/task", taskRoot.toString())));
        assertThat(env).as("the local-only switch is never deployed").doesNotContainKey(EnvVars.LOCAL_MODE);
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("AWS_ACCESS_KEY_ID", "ASIAEXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "example");
        env.put("AWS_SESSION_TOKEN", "example");
        env.put("AWS_ENDPOINT_URL", UNREACHABLE);
        env.put("AWS_EC2_METADATA_DISABLED", "true");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", classpath(taskRoot), "io.playerlens.infra.probe.LambdaInitProbe",
                function.handler()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return "init did not finish in 60 s: " + output;
        }
        return output;
    }

    /** The Lambda Java runtime's classpath for a package: the jar itself, or a folder with its {@code lib/*.jar}. */
    private static String classpath(Path code) throws Exception {
        List<String> entries = new ArrayList<>();
        entries.add(Path.of("target", "test-classes").toAbsolutePath().toString());
        if (Files.isDirectory(code)) {
            entries.add(code.toString());
            Path lib = code.resolve("lib");
            if (Files.isDirectory(lib)) {
                try (Stream<Path> jars = Files.list(lib)) {
                    jars.filter(j -> j.toString().endsWith(".jar")).sorted().forEach(j -> entries.add(j.toString()));
                }
            }
        } else {
            entries.add(code.toString());
        }
        if (!"aarch64".equals(System.getProperty("os.arch"))) {
            // The deployables are arm64 (the model Lambda carries ONNX Runtime's linux-aarch64 library only): after them
            // on the path, ONNX Runtime's own jar supplies this host's native library, and nothing else.
            entries.add(Path.of(ai.onnxruntime.OrtEnvironment.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        return String.join(File.pathSeparator, entries);
    }
}
