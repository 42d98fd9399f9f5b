package io.playerlens.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the deployables' jars are, relative to {@code infra-cdk/} (the Maven build produces them first). */
final class Artifacts {
    static final String VERSION = "0.1.0-SNAPSHOT";

    private Artifacts() {
    }

    static String lambdaJar(String module) {
        return existing(Path.of("..", module, "target", module + "-" + VERSION + "-aws.jar"));
    }

    static String flinkJar() {
        return existing(Path.of("..", "flink-feature-job", "target", "flink-feature-job-" + VERSION + "-aws.jar"));
    }

    private static String existing(Path jar) {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath().normalize() + " does not exist; run `mvn -B -DskipTests package` first");
        }
        return jar.toString();
    }
}
