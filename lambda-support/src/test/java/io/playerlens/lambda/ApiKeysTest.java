package io.playerlens.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playerlens.contracts.config.EnvVars;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
    private final ApiKeys keys = ApiKeys.parse("space-race:" + ApiKeys.sha256Hex("s3cret-one") + ", farm-hero:" + ApiKeys.sha256Hex("s3cret-two"));

    @Test
    void knownKey_mapsToItsGame() {
        assertThat(keys.gameFor("s3cret-one")).contains("space-race");
        assertThat(keys.gameFor("s3cret-two")).contains("farm-hero");
    }

    @Test
    void unknownOrMissingKey_mapsToNoGame() {
        assertThat(keys.gameFor("s3cret-on")).isEmpty();
        assertThat(keys.gameFor("")).isEmpty();
        assertThat(keys.gameFor(null)).isEmpty();
    }

    @Test
    void keysAreStoredHashed_notInClear() {
        assertThat(keys.toString()).doesNotContain("s3cret");
    }

    @Test
    void malformedSpec_isRefusedWithTheReason() {
        assertThatThrownBy(() -> ApiKeys.parse("game-without-hash")).hasMessage("expected game_id:sha256hex, got 'game-without-hash'");
        assertThatThrownBy(() -> ApiKeys.parse("g:abc")).hasMessage("the hash for game g must be 64 hex characters (SHA-256)");
        assertThatThrownBy(() -> ApiKeys.parse(" , ")).hasMessage("no API keys configured");
    }

    @Test
    void devKey_isRefused_outsideLocalMode() {
        Map<String, String> env = Map.of(EnvVars.API_KEY_HASHES, "local:" + ApiKeys.sha256Hex("dev-key"));
        assertThatThrownBy(() -> ApiKeys.fromEnv(env))
                .hasMessage("API_KEY_HASHES holds the local key 'dev-key', which is accepted only with PLAYERLENS_LOCAL_MODE=true");

        Map<String, String> local = new java.util.HashMap<>(env);
        local.put(EnvVars.LOCAL_MODE, "true");
        assertThat(ApiKeys.fromEnv(local).gameFor("dev-key")).contains("local");
    }

    @Test
    void missingVariable_isNamed() {
        assertThatThrownBy(() -> ApiKeys.fromEnv(Map.of())).hasMessage("API_KEY_HASHES is required");
    }
}
