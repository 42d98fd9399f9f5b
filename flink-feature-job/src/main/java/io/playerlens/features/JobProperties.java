package io.playerlens.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The job's configuration as property groups, in the shape of Amazon Managed Service for Apache Flink runtime
 * properties: {@code [{"PropertyGroupId": "...", "PropertyMap": {...}}]}. On Managed Flink the service writes
 * them to {@value #MANAGED_FLINK_FILE}; locally the same shape comes from a dev file.
 */
public final class JobProperties {
    public static final String MANAGED_FLINK_FILE = "/etc/flink/application_properties.json";
    public static final String DEV_RESOURCE = "flink-application-properties-dev.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, Properties> groups;

    public JobProperties(Map<String, Properties> groups) {
        this.groups = Map.copyOf(groups);
    }

    /** {@code path} if given, else the Managed Flink file. */
    public static JobProperties load(Path path) {
        Path file = path != null ? path : Path.of(MANAGED_FLINK_FILE);
        if (!Files.exists(file)) {
            throw new IllegalStateException("no runtime properties at " + file
                    + "; pass --properties FILE (see flink-feature-job/src/main/resources/flink-application-properties-dev.json)");
        }
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static JobProperties parse(String json) {
        try {
            Map<String, Properties> groups = new HashMap<>();
            for (JsonNode group : MAPPER.readTree(json)) {
                Properties properties = new Properties();
                group.path("PropertyMap").fields().forEachRemaining(f -> properties.setProperty(f.getKey(), f.getValue().asText()));
                groups.put(group.path("PropertyGroupId").asText(), properties);
            }
            return new JobProperties(groups);
        } catch (IOException e) {
            throw new IllegalArgumentException("runtime properties are not valid JSON: " + e.getMessage(), e);
        }
    }

    /** The dev file shipped in this jar ({@code flink-application-properties-dev.json}): local defaults. */
    public static JobProperties devDefaults() {
        try (var in = JobProperties.class.getClassLoader().getResourceAsStream(DEV_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEV_RESOURCE + " is not on the classpath");
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy with one property set. */
    public JobProperties with(String group, String key, String value) {
        Map<String, Properties> copy = new HashMap<>();
        groups.forEach((id, p) -> {
            Properties props = new Properties();
            props.putAll(p);
            copy.put(id, props);
        });
        copy.computeIfAbsent(group, g -> new Properties()).setProperty(key, value);
        return new JobProperties(copy);
    }

    /** A group's properties (a copy); empty if the group is absent. */
    public Properties group(String id) {
        Properties copy = new Properties();
        Properties found = groups.get(id);
        if (found != null) {
            copy.putAll(found);
        }
        return copy;
    }

    public String require(String group, String key) {
        String value = group(group).getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("runtime property " + group + "." + key + " is required");
        }
        return value;
    }
}
