package io.playerlens.offers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.event.ServerEvents;
import io.playerlens.contracts.event.Unicode;
import io.playerlens.contracts.offers.FallbackReason;
import io.playerlens.contracts.offers.ModelAnswer;
import io.playerlens.contracts.offers.OfferJson;
import io.playerlens.contracts.offers.Placement;
import io.playerlens.contracts.offers.Placements;
import io.playerlens.contracts.offers.ScoredOffer;
import io.playerlens.lambda.HttpResponses;
import io.playerlens.lambda.PlayerRequest;
import io.playerlens.lambda.RequestIds;
import io.playerlens.store.AwsClients;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * {@code GET /v1/players/{player_id}/offers?placement=...}: picks the player's variant for the placement, asks its
 * model within the placement's budget, and answers 200 with the model's offers — or, whatever went wrong on the
 * model's side, 200 with the placement's default offers, {@code fallback: true} and a machine-readable
 * {@code reason}. Every decision is recorded as an {@code offer_served} event before the handler returns
 * ({@link OfferServedLog}: a log line, no network call). An unexpected error after the placement is known still answers its default offers
 * ({@code reason: internal_error}); only one before it (a bug) is a logged 500 with the request id.
 */
public final class OffersHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(OffersHandler.class);

    private final OffersConfig config;
    private final ModelInvoker models;
    private final OfferServedLog log;
    private final OffersMetrics metrics;
    private final Clock clock;
    /** Shadow variants are asked in parallel with the served one; threads are made when first needed (not at snapshot). */
    private final ExecutorService shadowInvocations;

    /**
     * The Lambda runtime's constructor: placements from the SSM registry (read at request time: SnapStart snapshots
     * this constructor at publish time), models invoked as their own Lambdas.
     */
    public OffersHandler() {
        this(OffersConfig.fromEnv(System.getenv(), ssmReader(System.getenv())), System.getenv(), null, OfferServedLog.toStandardOutput(),
                new OffersMetrics.Emf());
    }

    /** Reads every parameter under a path; the client is built once (here), the reads happen on requests. */
    private static java.util.function.Function<String, Map<String, String>> ssmReader(Map<String, String> env) {
        SsmClient ssm = AwsClients.configure(SsmClient.builder(), env, "AWS_ENDPOINT_URL_SSM", Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(2)).build();
        return path -> {
            Map<String, String> values = new java.util.HashMap<>();
            ssm.getParametersByPathPaginator(b -> b.path(path).recursive(true))
                    .forEach(page -> page.parameters().forEach(p -> values.put(p.name(), p.value())));
            return values;
        };
    }

    /**
     * For hosts that bring their own model invoker and decision log (the local gateway serves the models in process and
     * appends decisions to the local archive).
     */
    public OffersHandler(Map<String, String> env, ModelInvoker models, OfferServedLog decisions, OffersMetrics metrics) {
        this(OffersConfig.fromEnv(env), env, models, decisions, metrics);
    }

    /** As above, with the host's own placements (locally: models/placements.json, re-read when it changes). */
    public OffersHandler(Map<String, String> env, PlacementSource placements, ModelInvoker models, OfferServedLog decisions,
                         OffersMetrics metrics) {
        this(OffersConfig.fromEnv(env).withPlacements(placements), env, models, decisions, metrics);
    }

    private OffersHandler(OffersConfig config, Map<String, String> env, ModelInvoker models, OfferServedLog decisions, OffersMetrics metrics) {
        this(config, models != null ? models : new LambdaModelInvoker(AwsClients.configure(LambdaClient.builder(), env,
                        "AWS_ENDPOINT_URL_LAMBDA", Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2)).build(),
                        config.modelFunctionPrefix()), decisions, metrics, Clock.systemUTC());
    }

    OffersHandler(OffersConfig config, ModelInvoker models, OfferServedLog log, OffersMetrics metrics, Clock clock) {
        this.shadowInvocations = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "offers-shadow");
            t.setDaemon(true);
            return t;
        });
        this.config = config;
        this.models = models;
        this.log = log;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent request, Context context) {
        long started = System.nanoTime();
        if (context != null) {
            metrics.coldStart(context);
        }
        String requestId = RequestIds.of(request, context);
        PlayerRequest player = null;
        Placement placement = null;
        try {
            player = PlayerRequest.from(request, config.apiKeys());
            String placementName = request.getQueryStringParameters() == null ? null : request.getQueryStringParameters().get("placement");
            Placements placements = config.placements().current();
            if (placementName == null || placementName.isBlank()) {
                return HttpResponses.error(400, "placement is required, e.g. ?placement=store; known: " + placements.all().keySet());
            }
            Optional<Placement> found = placements.get(placementName);
            if (found.isEmpty()) {
                return HttpResponses.error(400, "placement " + Unicode.printable(placementName) + " is not configured; known: "
                        + placements.all().keySet());
            }
            placement = found.get();
            Optional<Placement.Variant> assigned = VariantAssigner.assign(placement, player.key());
            if (assigned.isEmpty()) {
                // No model serves this placement yet (a fresh deployment, or every variant at weight 0): its defaults.
                Placement.Variant none = new Placement.Variant("none", "none", 0);
                return respond(player, placement, none, ModelAnswer.failed("none", null, FallbackReason.NO_MODEL), started);
            }
            Placement.Variant variant = assigned.get();
            List<Shadow> shadows = startShadows(placement, variant, player, requestId);
            ModelAnswer answer = invoke(variant, player, placement, requestId);
            APIGatewayV2HTTPResponse response = respond(player, placement, variant, answer, started);
            logShadows(shadows, player, placement, started);
            return response;
        } catch (PlayerRequest.Refused refused) {
            return refused.response();
        } catch (RuntimeException e) {
            LOG.error("offers request {} failed unexpectedly", requestId, e);
            if (player != null && placement != null) {
                // The game still gets the placement's default offers: never a 5xx once the placement is known.
                Placement.Variant none = new Placement.Variant("none", "none", 0);
                return respond(player, placement, none, ModelAnswer.failed("none", null, FallbackReason.INTERNAL_ERROR), started);
            }
            return HttpResponses.error(500, "internal error; request id " + requestId);
        } finally {
            metrics.flush();
        }
    }

    private ModelAnswer invoke(Placement.Variant variant, PlayerRequest player, Placement placement, String requestId) {
        try {
            return models.invoke(variant.model(), player.key(), placement.name(), placement.budget());
        } catch (RuntimeException e) {
            LOG.error("request {}: model invoker failed for {}", requestId, variant.model(), e);
            return ModelAnswer.failed(variant.model(), null, FallbackReason.MODEL_ERROR);
        }
    }

    private record Shadow(Placement.Variant variant, Future<ModelAnswer> answer) {
    }

    /** The placement's shadow variants, asked at the same time as the served one (a served model is never its own shadow). */
    private List<Shadow> startShadows(Placement placement, Placement.Variant served, PlayerRequest player, String requestId) {
        List<Shadow> shadows = new java.util.ArrayList<>();
        for (Placement.Variant shadow : placement.shadows()) {
            if (!shadow.model().equals(served.model())) {
                shadows.add(new Shadow(shadow, shadowInvocations.submit(() -> invoke(shadow, player, placement, requestId))));
            }
        }
        return shadows;
    }

    /**
     * Logs each shadow's decision ({@code shadow: true}) once the response is built. A shadow still running gets until
     * the placement's budget from the request's start, never longer: a shadow slower than the served model can delay the
     * response by the difference, within the budget the game already allows.
     */
    private void logShadows(List<Shadow> shadows, PlayerRequest player, Placement placement, long started) {
        for (Shadow shadow : shadows) {
            ModelAnswer answer;
            long remainingNanos = placement.budget().toNanos() - (System.nanoTime() - started);
            try {
                answer = shadow.answer().get(Math.max(0, remainingNanos), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                shadow.answer().cancel(true);
                answer = ModelAnswer.failed(shadow.variant().model(), null, FallbackReason.MODEL_TIMEOUT);
            } catch (ExecutionException e) {
                answer = ModelAnswer.failed(shadow.variant().model(), null, FallbackReason.MODEL_ERROR);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer = ModelAnswer.failed(shadow.variant().model(), null, FallbackReason.MODEL_TIMEOUT);
            }
            boolean failed = !answer.succeeded();
            log.log(ServerEvents.offerServed(player.gameId(), player.playerId(), placement.name(), shadow.variant().model(), answer.modelVersion(),
                    shadow.variant().variant(), failed ? List.of() : answer.offers(), failed, answer.failure(), true, clock.millis()));
            metrics.shadow(shadow.variant().model(), shadow.variant().variant(), failed, answer.failure());
        }
    }

    /** The response and the {@code offer_served} event of one decision: the model's offers, or the placement's defaults. */
    private APIGatewayV2HTTPResponse respond(PlayerRequest player, Placement placement, Placement.Variant variant, ModelAnswer answer,
                                             long started) {
        boolean fallback = !answer.succeeded();
        List<ScoredOffer> offers = fallback
                ? placement.defaultOffers().stream().map(o -> new ScoredOffer(o, 0)).toList()
                : answer.offers();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("player_id", player.playerId());
        body.put("placement", placement.name());
        body.put("model", variant.model());
        body.put("model_version", answer.modelVersion());
        body.put("variant", variant.variant());
        body.set("offers", OfferJson.writeScored(offers));
        body.put("fallback", fallback);
        if (fallback) {
            body.put("reason", answer.failure());
        }
        log.log(OfferServedLog.event(player.gameId(), player.playerId(), placement.name(), variant.model(), answer.modelVersion(),
                variant.variant(), offers, fallback, answer.failure(), clock.millis()));
        metrics.served(variant.model(), variant.variant(), fallback, answer.failure(), (System.nanoTime() - started) / 1e6);
        return HttpResponses.json(200, body.toString());
    }
}
