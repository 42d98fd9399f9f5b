package io.playerlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playerlens.contracts.config.EnvVars;
import io.playerlens.lambda.ApiKeys;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestConfigTest {

    @Test
    void config_namesEveryMissingOrMalformedVariable() {
        assertThatThrownBy(() -> IngestConfig.fromEnv(Map.of(EnvVars.MAX_BODY_BYTES, "-3")))
                .hasMessage("invalid ingest configuration: EVENTS_STREAM_NAME is required; QUARANTINE_STREAM_NAME is required; "
                        + "MAX_BODY_BYTES must be a positive integer, got '-3'; API_KEY_HASHES is required (or set API_KEYS_SECRET_ARN)");
    }

    @Test
    void defaults_applyWhenOptionalVariablesAreAbsent() {
        IngestConfig config = IngestConfig.fromEnv(Map.of(EnvVars.EVENTS_STREAM_NAME, "e", EnvVars.QUARANTINE_STREAM_NAME, "q",
                EnvVars.API_KEY_HASHES, "g:" + ApiKeys.sha256Hex("k")));
        assertThat(config.maxBodyBytes()).isEqualTo(1024 * 1024);
        assertThat(config.maxEventsPerRequest()).isEqualTo(1000);
        assertThat(config.timePolicy()).isEqualTo(io.playerlens.contracts.event.EventTimePolicy.defaults());
    }
}
