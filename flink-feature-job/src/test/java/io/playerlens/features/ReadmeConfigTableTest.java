package io.playerlens.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Docs drift: every property of the dev file has a row in this module's README config table. */
class ReadmeConfigTableTest {

    @Test
    void everyDevProperty_hasARowInTheReadme() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        JobProperties dev = JobProperties.devDefaults();
        for (String group : new String[] {Connectors.SOURCE_GROUP, Connectors.SINK_GROUP, Connectors.DEAD_LETTER_GROUP, FeatureJobSettings.GROUP}) {
            for (String key : dev.group(group).stringPropertyNames()) {
                boolean passedThrough = key.startsWith("aws.") || key.startsWith("flink.");
                String row = passedThrough ? "`" + group + "." + key.substring(0, key.indexOf('.') + 1) + "*`" : "`" + group + "." + key + "`";
                assertThat(readme).as("README row for " + group + "." + key).contains(row);
            }
        }
    }
}
