package io.playerlens.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** API keys from a secret, as on AWS: rotation without a redeploy, and a clear answer when the secret misbehaves. */
class ApiKeyStoreTest {
    private final AtomicReference<String> secret = new AtomicReference<>();
    private Instant now = Instant.parse("2026-12-02T08:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private ApiKeyStore store() {
        return ApiKeyStore.secret(id -> {
            String value = secret.get();
            if (value == null) {
                throw new IllegalStateException("Secrets Manager unreachable");
            }
            return value;
        }, "arn:aws:secretsmanager:eu-west-1:1:secret:playerlens-api-keys", false, Duration.ofSeconds(60), clock);
    }

    @Test
    void aRotation_addsTheNewKeyAndRemovesTheOld_withinOneTtl() {
        secret.set("space-race:" + ApiKeys.sha256Hex("old-key"));
        ApiKeyStore keys = store();
        assertThat(keys.gameFor("old-key")).contains("space-race");

        secret.set("space-race:" + ApiKeys.sha256Hex("old-key") + ",space-race:" + ApiKeys.sha256Hex("new-key"));
        now = now.plusSeconds(61);
        assertThat(keys.gameFor("new-key")).contains("space-race");
        assertThat(keys.gameFor("old-key")).as("both valid while clients move").contains("space-race");

        secret.set("space-race:" + ApiKeys.sha256Hex("new-key"));
        now = now.plusSeconds(61);
        assertThat(keys.gameFor("old-key")).isEmpty();
    }

    @Test
    void aSecretThatCannotBeRead_isUnavailable_untilKeysWereReadOnce_thenTheLastKeysServe() {
        ApiKeyStore keys = store();
        assertThatThrownBy(() -> keys.gameFor("k")).isInstanceOf(ApiKeyStore.KeysUnavailable.class);

        secret.set("g:" + ApiKeys.sha256Hex("k"));
        now = now.plusSeconds(6);
        assertThat(keys.gameFor("k")).contains("g");

        secret.set(null);
        now = now.plusSeconds(120);
        assertThat(keys.gameFor("k")).as("the keys read before").contains("g");
    }

    @Test
    void aFreshSecretWithoutKeys_refusesEveryKey_andATypoKeepsTheKeysReadBefore() {
        secret.set("0123456789abcdefGENERATED");
        ApiKeyStore keys = store();
        assertThat(keys.gameFor("anything")).isEmpty();

        secret.set("g:" + ApiKeys.sha256Hex("k"));
        now = now.plusSeconds(61);
        assertThat(keys.gameFor("k")).contains("g");

        secret.set("g:not-a-hash");
        now = now.plusSeconds(61);
        assertThat(keys.gameFor("k")).as("a broken rotation does not lock every game out").contains("g");
    }

    @Test
    void theLocalDevKey_isRefusedInASecretOnAws() {
        secret.set("local-game:" + ApiKeys.sha256Hex(ApiKeys.LOCAL_DEV_KEY));
        assertThat(store().gameFor(ApiKeys.LOCAL_DEV_KEY)).isEmpty();
    }
}
