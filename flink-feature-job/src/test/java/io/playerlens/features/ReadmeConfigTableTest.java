package io.playerlens.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.playerlens.contracts.config.FeatureJobProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Docs drift: every runtime property (the names and every default of FeatureJobProperties) has a row in the README, with its default. */
class ReadmeConfigTableTest {

    @Test
    void everyProperty_hasARowInTheReadme_withItsDefault() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        FeatureJobProperties local = FeatureJobProperties.of("events", "quarantine", "profiles").againstEmulators("r", "http://k", "http://d");
        for (Map.Entry<String, Map<String, String>> group : local.groups().entrySet()) {
            for (String key : group.getValue().keySet()) {
                boolean passedThrough = key.startsWith("aws.") || key.startsWith("flink.") && !FeatureJobProperties.DEFAULTS.get(group.getKey()).containsKey(key);
                String row = passedThrough ? "`" + group.getKey() + "." + key.substring(0, key.indexOf('.') + 1) + "*`" : "`" + group.getKey() + "." + key + "`";
                assertThat(readme).as("README row for " + group.getKey() + "." + key).contains(row);
            }
        }
        FeatureJobProperties.DEFAULTS.forEach((group, defaults) -> defaults.forEach((key, value) ->
                assertThat(readme).as("README default of " + group + "." + key).contains("| `" + group + "." + key + "` | no | " + value + " |")));
    }
}
