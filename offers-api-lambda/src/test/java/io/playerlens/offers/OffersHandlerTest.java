package io.playerlens.offers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playerlens.contracts.config.EnvVars;
import io.playerlens.contracts.offers.FallbackReason;
import io.playerlens.contracts.offers.ModelAnswer;
import io.playerlens.contracts.offers.Offer;
import io.playerlens.contracts.offers.ScoredOffer;
import io.playerlens.lambda.ApiKeys;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OffersHandlerTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PLACEMENTS = """
            {"store": {"salt": "s1", "budget_ms": 40,
              "default_offers": [{"offer_id": "starter_pack", "sku": "starter", "price_cents": 99}],
              "variants": [{"variant": "A", "model": "the-model", "weight": 100}]}}""";
    private static final Offer GEMS = new Offer("gems_500", "gems_500", 499);

    /** The decision lines, as the function's log would hold them. */
    private final List<String> decisions = new ArrayList<>();
    private final CountingMetrics metrics = new CountingMetrics();

    static final class CountingMetrics implements OffersMetrics {
        final List<String> fallbackReasons = new ArrayList<>();

        @Override
        public void served(String model, String variant, boolean fallback, String reason, double millis) {
            if (fallback) {
                fallbackReasons.add(reason);
            }
        }
    }

    private OffersHandler handler(ModelInvoker models) {
        return handler(models, PLACEMENTS);
    }

    private OffersHandler handler(ModelInvoker models, String placements) {
        OffersConfig config = OffersConfig.fromEnv(Map.of(EnvVars.API_KEY_HASHES, "space-race:" + ApiKeys.sha256Hex("k1"),
                EnvVars.PLACEMENTS_JSON, placements));
        return new OffersHandler(config, models, new OfferServedLog(decisions::add), metrics, Clock.fixed(Instant.parse("2026-11-26T08:00:00Z"), ZoneOffset.UTC));
    }

    private static APIGatewayV2HTTPEvent request(String player, String placement) {
        Map<String, String> query = new HashMap<>();
        if (placement != null) {
            query.put("placement", placement);
        }
        return APIGatewayV2HTTPEvent.builder().withHeaders(Map.of("x-api-key", "k1")).withPathParameters(Map.of("player_id", player))
                .withQueryStringParameters(query).build();
    }

    private static JsonNode body(APIGatewayV2HTTPResponse response) throws Exception {
        return MAPPER.readTree(response.getBody());
    }

    @Test
    void modelAnswer_isServed_andLoggedAsOfferServed() throws Exception {
        APIGatewayV2HTTPResponse response = handler((model, player, placement, budget) ->
                ModelAnswer.ok(model, "7", List.of(new ScoredOffer(GEMS, 0.8)))).handleRequest(request("p-1", "store"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = body(response);
        assertThat(body.get("model").asText()).isEqualTo("the-model");
        assertThat(body.get("model_version").asText()).isEqualTo("7");
        assertThat(body.get("variant").asText()).isEqualTo("A");
        assertThat(body.get("fallback").asBoolean()).isFalse();
        assertThat(body.has("reason")).isFalse();
        assertThat(body.get("offers").get(0).get("offer_id").asText()).isEqualTo("gems_500");
        assertThat(body.get("offers").get(0).get("score").asDouble()).isEqualTo(0.8);

        assertThat(decisions).as("one decision line, written before the handler returned").hasSize(1);
        JsonNode served = MAPPER.readTree(decisions.get(0));
        assertThat(served.get("type").asText()).isEqualTo("offer_served");
        assertThat(served.get("player_id").asText()).isEqualTo("p-1");
        assertThat(served.get("game_id").asText()).isEqualTo("space-race");
        assertThat(served.get("props").get("offers").get(0).asText()).isEqualTo("gems_500");
        assertThat(served.get("props").get("variant").asText()).isEqualTo("A");
    }

    private static final String WITH_SHADOWS = """
            {"store": {"salt": "s1", "budget_ms": 400,
              "default_offers": [{"offer_id": "starter_pack", "sku": "starter", "price_cents": 99}],
              "variants": [{"variant": "A", "model": "the-model", "weight": 100},
                           {"variant": "S1", "model": "candidate", "shadow": true},
                           {"variant": "S2", "model": "broken-candidate", "shadow": true},
                           {"variant": "S3", "model": "slow-candidate", "shadow": true}]}}""";

    @Test
    void shadowVariants_scoreEveryRequest_areLogged_andNeverServed_norDelayPastTheBudget() throws Exception {
        Offer vip = new Offer("vip_bundle", "vip_month", 1999);
        java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
        ModelInvoker models = (model, player, placement, budget) -> switch (model) {
            case "the-model" -> ModelAnswer.ok(model, "7", List.of(new ScoredOffer(GEMS, 0.8)));
            case "candidate" -> ModelAnswer.ok(model, "2", List.of(new ScoredOffer(vip, 0.9)));
            case "broken-candidate" -> throw new IllegalStateException("bug in the candidate");
            default -> {
                try {
                    released.await(); // far slower than the budget: only the request's deadline ends its wait
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                yield ModelAnswer.ok(model, "1", List.of(new ScoredOffer(vip, 0.1)));
            }
        };
        long started = System.nanoTime();
        APIGatewayV2HTTPResponse response = handler(models, WITH_SHADOWS).handleRequest(request("p-1", "store"), null);
        double tookMs = (System.nanoTime() - started) / 1e6;
        released.countDown();

        JsonNode body = body(response);
        assertThat(body.get("model").asText()).isEqualTo("the-model");
        assertThat(body.get("offers")).extracting(o -> o.get("offer_id").asText()).containsExactly("gems_500");
        assertThat(tookMs).as("the slow shadow is cut at the placement's 400 ms budget (generous bound for a busy machine)").isLessThan(5_000);
        assertThat(decisions).hasSize(4);
        Map<String, JsonNode> byVariant = new HashMap<>();
        for (String line : decisions) {
            JsonNode props = MAPPER.readTree(line).get("props");
            byVariant.put(props.get("variant").asText(), props);
        }
        assertThat(byVariant.get("A").has("shadow")).isFalse();
        assertThat(byVariant.get("S1").get("shadow").asBoolean()).isTrue();
        assertThat(byVariant.get("S1").get("offers").get(0).asText()).isEqualTo("vip_bundle");
        assertThat(byVariant.get("S1").get("fallback").asBoolean()).isFalse();
        assertThat(byVariant.get("S2").get("fallback").asBoolean()).isTrue();
        assertThat(byVariant.get("S2").get("reason").asText()).isEqualTo(FallbackReason.MODEL_ERROR);
        assertThat(byVariant.get("S2").get("offers")).as("nothing was served on a shadow's behalf").isEmpty();
        assertThat(byVariant.get("S3").get("reason").asText()).isEqualTo(FallbackReason.MODEL_TIMEOUT);
        assertThat(metrics.fallbackReasons).as("a shadow's failure is not the game's fallback").isEmpty();
    }

    private void assertFallback(String reason) throws Exception {
        APIGatewayV2HTTPResponse response = handler((model, player, placement, budget) -> ModelAnswer.failed(model, null, reason))
                .handleRequest(request("p-1", "store"), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = body(response);
        assertThat(body.get("fallback").asBoolean()).isTrue();
        assertThat(body.get("reason").asText()).isEqualTo(reason);
        assertThat(body.get("offers").get(0).get("offer_id").asText()).isEqualTo("starter_pack");
        JsonNode served = MAPPER.readTree(decisions.get(decisions.size() - 1));
        assertThat(served.get("props").get("fallback").asBoolean()).isTrue();
        assertThat(served.get("props").get("reason").asText()).isEqualTo(reason);
    }

    @Test
    void unknownPlayer_fallsBackToDefaults() throws Exception {
        assertFallback(FallbackReason.PROFILE_NOT_FOUND);
    }

    @Test
    void failingModel_fallsBackToDefaults() throws Exception {
        assertFallback(FallbackReason.MODEL_ERROR);
    }

    @Test
    void slowModel_fallsBackToDefaults() throws Exception {
        assertFallback(FallbackReason.MODEL_TIMEOUT);
    }

    @Test
    void undeployedModel_fallsBackToDefaults() throws Exception {
        assertFallback(FallbackReason.MODEL_NOT_DEPLOYED);
    }

    @Test
    void anInvokerThatThrows_stillAnswers200WithDefaults() throws Exception {
        APIGatewayV2HTTPResponse response = handler((model, player, placement, budget) -> {
            throw new IllegalStateException("bug");
        }).handleRequest(request("p-1", "store"), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response).get("reason").asText()).isEqualTo(FallbackReason.MODEL_ERROR);
    }

    @Test
    void missingOrUnknownPlacement_is400() throws Exception {
        ModelInvoker never = (model, player, placement, budget) -> {
            throw new AssertionError("not called");
        };
        assertThat(handler(never).handleRequest(request("p-1", null), null).getStatusCode()).isEqualTo(400);
        APIGatewayV2HTTPResponse unknown = handler(never).handleRequest(request("p-1", "home"), null);
        assertThat(unknown.getStatusCode()).isEqualTo(400);
        assertThat(body(unknown).get("error").asText()).isEqualTo("placement home is not configured; known: [store]");
    }

    @Test
    void missingKey_is401() {
        APIGatewayV2HTTPEvent request = request("p-1", "store");
        request.setHeaders(Map.of());
        assertThat(handler((m, p, pl, b) -> null).handleRequest(request, null).getStatusCode()).isEqualTo(401);
    }

    @Test
    void aDecisionIsOneLogLine_whateverTheModelsIdsHold() throws Exception {
        Offer odd = new Offer("line\nbreak\r\u2028\u0000\"quoted\"", "sku\n", 1);
        handler((model, player, placement, budget) -> ModelAnswer.ok(model, "v\n2", List.of(new ScoredOffer(odd, 0.5))))
                .handleRequest(request("p-1", "store"), null);

        assertThat(decisions).hasSize(1);
        assertThat(decisions.get(0)).doesNotContain("\n", "\r");
        JsonNode served = MAPPER.readTree(decisions.get(0));
        assertThat(served.get("props").get("offers").get(0).asText()).isEqualTo(odd.offerId());
        assertThat(served.get("props").get("model_version").asText()).isEqualTo("v\n2");
    }

    @Test
    void onLambda_decisionsGoToStandardOutput_asTheSubscriptionFilterExpects() throws Exception {
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        OfferServedLog log;
        try {
            System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            log = OfferServedLog.toStandardOutput();
        } finally {
            System.setOut(original);
        }
        OffersConfig config = OffersConfig.fromEnv(Map.of(EnvVars.API_KEY_HASHES, "space-race:" + ApiKeys.sha256Hex("k1"),
                EnvVars.PLACEMENTS_JSON, PLACEMENTS));
        new OffersHandler(config, (model, player, placement, budget) -> ModelAnswer.ok(model, "7", List.of(new ScoredOffer(GEMS, 0.8))),
                log, metrics, Clock.systemUTC()).handleRequest(request("p-1", "store"), null);

        String[] lines = captured.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(1);
        // The filter pattern is { $.type = "offer_served" }: a JSON log event with that top-level field.
        assertThat(MAPPER.readTree(lines[0]).get("type").asText()).isEqualTo("offer_served");
    }

    @Test
    void anUnexpectedErrorOnceThePlacementIsKnown_servesItsDefaults_neverA500() throws Exception {
        APIGatewayV2HTTPResponse response = handler((model, player, placement, budget) ->
                new ModelAnswer(model, "7", java.util.Arrays.asList((ScoredOffer) null), null)).handleRequest(request("p-1", "store"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = body(response);
        assertThat(body.get("fallback").asBoolean()).isTrue();
        assertThat(body.get("reason").asText()).isEqualTo("internal_error");
        assertThat(body.get("offers").get(0).get("offer_id").asText()).isEqualTo("starter_pack");
        assertThat(metrics.fallbackReasons).containsExactly("internal_error");
    }
}
