package io.playerlens.emulators;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Finds the emulators that the build installed with {@code npm ci}. */
final class NodeModules {
    static final String OVERRIDE_ENV = "PLAYERLENS_NODE_MODULES";

    private NodeModules() {
    }

    static Path dir() {
        String override = System.getenv(OVERRIDE_ENV);
        Path dir;
        if (override != null && !override.isBlank()) {
            dir = Path.of(override);
        } else {
            dir = Path.of(properties().getProperty("node.modules.dir"));
        }
        if (!Files.isDirectory(dir.resolve("kinesalite")) || !Files.isDirectory(dir.resolve("dynalite"))) {
            throw new EmulatorStartException("the AWS emulators are not installed in " + dir
                    + "; run `mvn -B -pl aws-emulators generate-resources` (the build runs npm ci) or set " + OVERRIDE_ENV);
        }
        return dir;
    }

    /** A launcher script of this module ({@code src/main/node}), e.g. one that binds an emulator to loopback. */
    static Path launcher(String name) {
        Path script = Path.of(properties().getProperty("launchers.dir")).resolve(name);
        if (!Files.exists(script)) {
            throw new EmulatorStartException(script + " does not exist; rebuild the aws-emulators module");
        }
        return script;
    }

    static Path script(String relative) {
        Path script = dir().resolve(relative);
        if (!Files.exists(script)) {
            throw new EmulatorStartException(script + " does not exist; reinstall the emulators");
        }
        return script;
    }

    private static Properties properties() {
        try (InputStream in = NodeModules.class.getResourceAsStream("/playerlens-emulators.properties")) {
            Properties props = new Properties();
            props.load(in);
            return props;
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("playerlens-emulators.properties is missing from the classpath", e);
        }
    }

    static void requireNode() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new EmulatorStartException("`node --version` failed; the emulators need Node.js 18+ on PATH");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Node.js is not on PATH; the emulators need Node.js 18+", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
