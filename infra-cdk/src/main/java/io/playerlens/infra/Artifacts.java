package io.playerlens.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the deployables' jars are, relative to {@code infra-cdk/} (the Maven build produces them first). */
final class Artifacts {
    /** The project version the jars carry, written into a resource by the build so it cannot drift from the POM. */
    static final String VERSION = projectVersion();

    private Artifacts() {
    }

    static String lambdaJar(String module) {
        return existing(Path.of("..", module, "target", module + "-" + VERSION + "-aws.jar"));
    }

    static String flinkJar() {
        return existing(Path.of("..", "flink-feature-job", "target", "flink-feature-job-" + VERSION + "-aws.jar"));
    }

    private static String projectVersion() {
        try (java.io.InputStream in = Artifacts.class.getResourceAsStream("/playerlens-infra.properties")) {
            java.util.Properties properties = new java.util.Properties();
            properties.load(in);
            return properties.getProperty("project.version");
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("playerlens-infra.properties is missing from the classpath; build with Maven", e);
        }
    }

    private static String existing(Path jar) {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath().normalize() + " does not exist; run `mvn -B -DskipTests package` first");
        }
        return jar.toString();
    }
}
