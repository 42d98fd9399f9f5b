package io.playerlens.features;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One feature group: a SQL file from {@code playerlens/features/} in the contracts module. Files ending in
 * {@code .flink.sql} are Flink-only (event-time windows); the others are portable to Spark.
 *
 * @param name the file name without its extensions, e.g. {@code lifetime}
 * @param sql the query, comments removed
 */
public final class FeatureGroup {
    private final String name;
    private final String sql;

    public FeatureGroup(String name, String sql) {
        this.name = name;
        this.sql = sql;
    }

    public String name() {
        return name;
    }

    public String sql() {
        return sql;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FeatureGroup)) {
            return false;
        }
        FeatureGroup that = (FeatureGroup) o;
        return java.util.Objects.equals(name, that.name) && java.util.Objects.equals(sql, that.sql);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, sql);
    }

    @Override
    public String toString() {
        return "FeatureGroup[" + "name=" + name + ", " + "sql=" + sql + "]";
    }

    public static final String FOLDER = "playerlens/features";

    /** Every group in the folder, sorted by name, so the job graph is stable across runs. */
    public static List<FeatureGroup> loadAll() {
        URL folder = FeatureGroup.class.getClassLoader().getResource(FOLDER);
        if (folder == null) {
            throw new IllegalStateException(FOLDER + " is not on the classpath (it ships in the contracts jar)");
        }
        try {
            URI uri = folder.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return read(Path.of(uri));
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
                return read(jar.getPath(FOLDER));
            } finally {
                if (opened) {
                    jar.close();
                }
            }
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot list " + FOLDER, e);
        }
    }

    public static FeatureGroup fromSql(String fileName, String sql) {
        return new FeatureGroup(fileName.replaceAll("\\.flink\\.sql$|\\.sql$", ""), stripComments(sql));
    }

    private static List<FeatureGroup> read(Path dir) throws IOException {
        List<FeatureGroup> groups = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".sql")).sorted().collect(java.util.stream.Collectors.toList())) {
                groups.add(fromSql(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        if (groups.isEmpty()) {
            throw new IllegalStateException("no feature SQL files in " + dir);
        }
        return groups;
    }

    private static String stripComments(String sql) {
        StringBuilder out = new StringBuilder();
        for (String line : sql.split("\n")) {
            int comment = line.indexOf("--");
            out.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
        }
        return out.toString().trim();
    }
}
