package io.playerlens.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Managed Flink application jar runs on the service's Java 11 (Flink 1.x runtimes): every class in it — the job,
 * contracts and profile-store, every shaded connector and library — must be class file version 55 or lower. A Java 17
 * class fails at start on AWS with "class file version 61.0 … only recognizes class file versions up to 55.0".
 * Multi-release entries for later Javas ({@code META-INF/versions/12+}) are ignored by a Java 11 runtime.
 */
class FeatureJobBytecodeIT {
    private static final int JAVA_11 = 55;
    private static final Pattern LATER_RELEASE = Pattern.compile("META-INF/versions/(\\d+)/.*");

    @Test
    void everyClassOfTheApplicationJar_runsOnJava11() throws IOException {
        Path jar = applicationJar();
        List<String> tooNew = new ArrayList<>();
        Map<Integer, Integer> versions = new TreeMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (!entry.getName().endsWith(".class") || entry.getName().endsWith("module-info.class")) {
                    continue;
                }
                Matcher release = LATER_RELEASE.matcher(entry.getName());
                if (release.matches() && Integer.parseInt(release.group(1)) > 11) {
                    continue;
                }
                int major = majorVersion(file.getInputStream(entry));
                versions.merge(major, 1, Integer::sum);
                if (major > JAVA_11) {
                    tooNew.add(entry.getName() + " (class file " + major + ")");
                }
            }
        }
        assertThat(versions).as("classes per class-file version in %s", jar).isNotEmpty();
        assertThat(tooNew).as("classes newer than Java 11 in %s", jar.getFileName()).isEmpty();
        assertThat(versions.keySet()).as("the job itself is in the jar").contains(JAVA_11);
    }

    private static Path applicationJar() throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "flink-feature-job-*-aws.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        }
        throw new IllegalStateException("no application jar in target/; the IT runs after `package`");
    }

    private static int majorVersion(InputStream in) throws IOException {
        try (DataInputStream data = new DataInputStream(in)) {
            if (data.readInt() != 0xCAFEBABE) {
                throw new IOException("not a class file");
            }
            data.readUnsignedShort();
            return data.readUnsignedShort();
        }
    }
}
