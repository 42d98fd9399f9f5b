package io.playerlens.offers;

import static org.assertj.core.api.Assertions.assertThat;

import io.playerlens.contracts.config.EnvVars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Docs drift: every variable the handler reads has a row in this module's README config table. */
class ReadmeConfigTableTest {
    private static final List<String> READ = List.of(EnvVars.API_KEYS_SECRET_ARN, EnvVars.API_KEYS_TTL_MS, EnvVars.API_KEY_HASHES, EnvVars.PLACEMENTS_JSON, EnvVars.PLACEMENTS_SSM_PATH, EnvVars.PLACEMENTS_TTL_MS, EnvVars.MODEL_FUNCTION_PREFIX, EnvVars.LOCAL_MODE);

    @Test
    void everyConfigKey_hasARowInTheReadme() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (String key : READ) {
            assertThat(readme).as("README row for " + key).contains("| `" + key + "` |");
        }
    }
}
