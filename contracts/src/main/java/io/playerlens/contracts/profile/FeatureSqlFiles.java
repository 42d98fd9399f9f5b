package io.playerlens.contracts.profile;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The feature SQL files, found by listing their folder ({@value #FOLDER} on the classpath: the contracts jar, or
 * its classes folder in a build) — never by a list kept beside them: a file added there is computed online, checked
 * by model descriptors and backfilled offline.
 */
public final class FeatureSqlFiles {
    public static final String FOLDER = "playerlens/features";

    private FeatureSqlFiles() {
    }

    /** File name → SQL, sorted by name (a stable job graph). */
    public static Map<String, String> read() {
        return read(FOLDER);
    }

    /** Every {@code .sql} file of a classpath folder, name → content, sorted by name. */
    public static Map<String, String> read(String folder) {
        URL url = FeatureSqlFiles.class.getClassLoader().getResource(folder);
        if (url == null) {
            throw new IllegalStateException(folder + " is not on the classpath");
        }
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return list(Path.of(uri));
            }
            FileSystem jar;
            boolean opened = false;
            try {
                jar = FileSystems.newFileSystem(uri, Map.of());
                opened = true;
            } catch (FileSystemAlreadyExistsException e) {
                jar = FileSystems.getFileSystem(uri);
            }
            try {
                return list(jar.getPath(folder));
            } finally {
                if (opened) {
                    jar.close();
                }
            }
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot list " + folder, e);
        }
    }

    private static Map<String, String> list(Path dir) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        List<Path> sql;
        try (Stream<Path> children = Files.list(dir)) {
            sql = children.filter(f -> f.getFileName().toString().endsWith(".sql")).sorted().collect(Collectors.toList());
        }
        for (Path file : sql) {
            files.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no feature SQL files in " + dir);
        }
        return Collections.unmodifiableMap(files);
    }
}
