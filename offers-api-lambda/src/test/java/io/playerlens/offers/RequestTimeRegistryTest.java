package io.playerlens.offers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playerlens.contracts.config.EnvVars;
import io.playerlens.contracts.offers.ModelAnswer;
import io.playerlens.contracts.offers.Offer;
import io.playerlens.contracts.offers.Placements;
import io.playerlens.contracts.offers.ScoredOffer;
import io.playerlens.lambda.ApiKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The offers API on a fresh deployment: the registry is read at request time (SnapStart snapshots the constructor
 * at publish time), an empty registry serves each placement's defaults, and a model stack deployed later gets its
 * traffic within one cache TTL without a new offers version.
 */
class RequestTimeRegistryTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ROOT = "/playerlens/placements";
    private static final String STORE_SETTINGS = "{\"salt\":\"s1\",\"budget_ms\":40,"
            + "\"default_offers\":[{\"offer_id\":\"starter_pack\",\"sku\":\"starter\",\"price_cents\":99}]}";

    private final Map<String, String> registry = new HashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private boolean registryDown;
    private Instant now = Instant.parse("2026-11-26T08:00:00Z");

    private OffersHandler handler() {
        Map<String, String> env = Map.of(EnvVars.API_KEY_HASHES, "space-race:" + ApiKeys.sha256Hex("k1"),
                EnvVars.PLACEMENTS_SSM_PATH, ROOT,
                EnvVars.PLACEMENTS_JSON, "{\"store\":" + STORE_SETTINGS + "}", EnvVars.PLACEMENTS_TTL_MS, "30000");
        OffersConfig config = OffersConfig.fromEnv(env, this::read);
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        OffersConfig timed = new OffersConfig(config.apiKeys(),
                PlacementSource.registry(this::read, ROOT,
                        Placements.parse("{\"store\":" + STORE_SETTINGS + "}"), Duration.ofSeconds(30), clock),
                config.modelFunctionPrefix());
        ModelInvoker models = (model, player, placement, budget) ->
                ModelAnswer.ok(model, "1", List.of(new ScoredOffer(new Offer("gems_500", "gems_500", 499), 0.9)));
        return new OffersHandler(timed, models, new OfferServedLog(line -> { }), OffersMetrics.NONE, clock);
    }

    private Map<String, String> read(String path) {
        reads.incrementAndGet();
        if (registryDown) {
            throw new IllegalStateException("SSM unreachable");
        }
        return new HashMap<>(registry);
    }

    private JsonNode offers(OffersHandler handler) throws Exception {
        APIGatewayV2HTTPEvent request = APIGatewayV2HTTPEvent.builder().withHeaders(Map.of("x-api-key", "k1"))
                .withPathParameters(Map.of("player_id", "p-1")).withQueryStringParameters(Map.of("placement", "store")).build();
        var response = handler.handleRequest(request, null);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        return MAPPER.readTree(response.getBody());
    }

    @Test
    void theConstructorNeverReadsTheRegistry() {
        handler();
        assertThat(reads).as("SnapStart would freeze whatever the constructor read").hasValue(0);
    }

    @Test
    void anEmptyRegistry_servesThePlacementsDefaults() throws Exception {
        registry.put(ROOT + "/store", STORE_SETTINGS);

        JsonNode body = offers(handler());

        assertThat(body.get("fallback").asBoolean()).isTrue();
        assertThat(body.get("reason").asText()).isEqualTo("no_model");
        assertThat(body.get("offers").get(0).get("offer_id").asText()).isEqualTo("starter_pack");
    }

    @Test
    void aModelDeployedLater_getsItsTrafficWithinOneTtl_withoutANewOffersVersion() throws Exception {
        registry.put(ROOT + "/store", STORE_SETTINGS);
        OffersHandler handler = handler();
        assertThat(offers(handler).get("reason").asText()).isEqualTo("no_model");

        registry.put(ROOT + "/store/variants/store-logreg", "{\"variant\":\"A\",\"model\":\"store-logreg\",\"weight\":100}");
        now = now.plusSeconds(10);
        assertThat(offers(handler).get("reason").asText()).as("cached for the TTL").isEqualTo("no_model");
        now = now.plusSeconds(25);
        JsonNode body = offers(handler);

        assertThat(body.get("fallback").asBoolean()).isFalse();
        assertThat(body.get("model").asText()).isEqualTo("store-logreg");
        assertThat(reads).hasValue(2);
    }

    @Test
    void aRegistryThatCannotBeRead_servesTheSettingsFromTheEnvironment_thenTheLastRead() throws Exception {
        registryDown = true;
        OffersHandler handler = handler();
        JsonNode body = offers(handler);
        assertThat(body.get("reason").asText()).isEqualTo("no_model");
        assertThat(body.get("offers").get(0).get("offer_id").asText()).isEqualTo("starter_pack");

        registryDown = false;
        registry.put(ROOT + "/store", STORE_SETTINGS);
        registry.put(ROOT + "/store/variants/m", "{\"variant\":\"A\",\"model\":\"m\",\"weight\":100}");
        now = now.plusSeconds(6);
        assertThat(offers(handler).get("model").asText()).isEqualTo("m");

        registryDown = true;
        now = now.plusSeconds(60);
        assertThat(offers(handler).get("model").asText()).as("the last placements read").isEqualTo("m");
    }
}
