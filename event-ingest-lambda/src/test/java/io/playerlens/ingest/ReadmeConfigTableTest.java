package io.playerlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.playerlens.contracts.config.EnvVars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Docs drift: every variable the handler reads must have a row in this module's README config table. */
class ReadmeConfigTableTest {
    private static final List<String> READ_BY_INGEST = List.of(EnvVars.EVENTS_STREAM_NAME, EnvVars.QUARANTINE_STREAM_NAME,
            EnvVars.API_KEYS_SECRET_ARN, EnvVars.API_KEYS_TTL_MS, EnvVars.API_KEY_HASHES, EnvVars.MAX_BODY_BYTES, EnvVars.MAX_EVENTS_PER_REQUEST, EnvVars.MAX_FUTURE_SKEW_MS, EnvVars.MAX_EVENT_AGE_MS,
            EnvVars.PUT_RETRY_BUDGET_MS, EnvVars.SHARD_MAP_TTL_MS, EnvVars.AWS_ENDPOINT_URL_KINESIS, EnvVars.LOCAL_MODE);

    @Test
    void everyConfigKey_hasARowInTheReadme() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (String key : READ_BY_INGEST) {
            assertThat(readme).as("README row for " + key).contains("| `" + key + "` |");
        }
    }
}
