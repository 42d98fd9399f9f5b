package io.playerlens.features;

import io.playerlens.contracts.config.FeatureJobProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The job's view of its runtime properties ({@link FeatureJobProperties}, defined in contracts with their defaults):
 * on Managed Flink the service writes them to {@value #MANAGED_FLINK_FILE}; locally the runner builds them.
 */
public final class JobProperties {
    public static final String MANAGED_FLINK_FILE = "/etc/flink/application_properties.json";

    private final FeatureJobProperties properties;

    public JobProperties(FeatureJobProperties properties) {
        this.properties = properties;
    }

    /** {@code path} if given, else the Managed Flink file. */
    public static JobProperties load(Path path) {
        Path file = path != null ? path : Path.of(MANAGED_FLINK_FILE);
        if (!Files.exists(file)) {
            throw new IllegalStateException("no runtime properties at " + file + "; pass --properties FILE (Managed Flink's "
                    + "[{\"PropertyGroupId\", \"PropertyMap\"}] shape; see flink-feature-job/README.md)");
        }
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static JobProperties parse(String json) {
        return new JobProperties(FeatureJobProperties.parse(json));
    }

    public FeatureJobProperties typed() {
        return properties;
    }

    /** A copy with one property set. */
    public JobProperties with(String group, String key, String value) {
        return new JobProperties(properties.with(group, key, value));
    }

    /** A group's properties, with the default of every key it does not set. */
    public Properties group(String id) {
        Properties group = new Properties();
        FeatureJobProperties.DEFAULTS.getOrDefault(id, Map.of()).forEach(group::setProperty);
        properties.groups().getOrDefault(id, Map.of()).forEach(group::setProperty);
        return group;
    }

    /** A property or its default; null when neither exists. */
    public String get(String group, String key) {
        return properties.get(group, key);
    }

    public String require(String group, String key) {
        String value = get(group, key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("runtime property " + group + "." + key + " is required");
        }
        return value;
    }
}
