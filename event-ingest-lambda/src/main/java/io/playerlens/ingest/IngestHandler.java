package io.playerlens.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.api.ApiRoutes;
import io.playerlens.contracts.codec.BatchCodec;
import io.playerlens.contracts.codec.RecordLimits;
import io.playerlens.contracts.codec.RecordPacker;
import io.playerlens.contracts.event.EventCatalog;
import io.playerlens.contracts.event.EventValidator;
import io.playerlens.lambda.ApiKeyStore;
import io.playerlens.lambda.HttpResponses;
import io.playerlens.lambda.RequestIds;
import io.playerlens.store.AwsClients;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * {@code POST /v1/events} on API Gateway HTTP API (payload 2.0). The same class runs on AWS Lambda and in the
 * local gateway. Clients and configuration are built once per container, in the constructor.
 */
public final class IngestHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(IngestHandler.class);

    private final IngestConfig config;
    private final IngestService service;
    private final EventBatchParser parser;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final GameLimits limits;

    /** The Lambda runtime's constructor: configuration from the environment, metrics as EMF. */
    public IngestHandler() {
        this(System.getenv(), EmfIngestMetrics.create());
    }

    /** For hosts other than Lambda (the local gateway): the same wiring from an explicit environment. */
    public IngestHandler(Map<String, String> env, IngestMetrics metrics) {
        this(IngestConfig.fromEnv(env), AwsClients.kinesis(env), metrics, Clock.systemUTC(), Sleeper.THREAD);
    }

    /** For hosts that bring their own Kinesis client (benchmarks, embedding). */
    public IngestHandler(IngestConfig config, KinesisClient kinesis, IngestMetrics metrics) {
        this(config, kinesis, metrics, Clock.systemUTC(), Sleeper.THREAD);
    }

    IngestHandler(IngestConfig config, KinesisClient kinesis, IngestMetrics metrics, Clock clock, Sleeper sleeper) {
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
        this.mapper = new ObjectMapper();
        this.parser = new EventBatchParser(mapper);
        this.limits = new GameLimits(config.gameEventLimits(), System::nanoTime);
        KinesisPublisher publisher = new KinesisPublisher(kinesis, Backoff.standard(), sleeper, System::nanoTime,
                config.putRetryBudget(), metrics);
        this.service = new IngestService(new EventValidator(EventCatalog.defaultCatalog(), config.timePolicy()),
                new RecordPacker(new BatchCodec(), RecordLimits.KINESIS, mapper), publisher,
                new ShardMaps(kinesis, config.eventsStream(), config.shardMapTtl(), System::nanoTime), config, mapper);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent request, Context context) {
        long started = System.nanoTime();
        if (context != null) {
            metrics.coldStart(context);
        }
        String requestId = RequestIds.of(request, context);
        try {
            String gameId = gameOf(request);
            byte[] body = RequestBody.read(request.getHeaders(), request.getBody(), request.getIsBase64Encoded(), config.maxBodyBytes());
            List<EventBatchParser.RawEvent> events = parser.parse(body, config.maxEventsPerRequest());
            OptionalLong wait = limits.admit(gameId, events.size());
            if (wait.isPresent()) {
                metrics.eventsThrottled(events.size());
                throw new IngestException.Throttled("game " + gameId + " is over its ingest limit; nothing of this request was taken, "
                        + "retry it after " + wait.getAsLong() + " ms", wait.getAsLong());
            }
            IngestResult result = service.ingest(events, gameId, requestId, clock.millis());
            metrics.eventsAccepted(result.accepted());
            metrics.eventsRejected(result.rejected().size());
            return HttpResponses.json(200, toJson(result));
        } catch (IngestException e) {
            int status = ErrorResponses.statusOf(e);
            metrics.requestRefused(status);
            if (status >= 500) {
                LOG.error("request {} failed: {}", requestId, e.getMessage(), e);
            } else {
                LOG.info("request {} refused with {}: {}", requestId, status, e.getMessage());
            }
            return ErrorResponses.of(e);
        } catch (RuntimeException e) {
            LOG.error("request {} failed unexpectedly", requestId, e);
            metrics.requestRefused(500);
            return ErrorResponses.internalError(requestId);
        } finally {
            metrics.requestLatency((System.nanoTime() - started) / 1e6);
            metrics.flush();
        }
    }

    private String gameOf(APIGatewayV2HTTPEvent request) {
        try {
            return config.apiKeys().gameFor(HttpResponses.header(request.getHeaders(), ApiRoutes.API_KEY_HEADER))
                    .orElseThrow(() -> new IngestException.Unauthorized("missing or unknown x-api-key"));
        } catch (ApiKeyStore.KeysUnavailable e) {
            throw new IngestException.KeysUnavailable("API keys unavailable, retry later", e);
        }
    }

    private String toJson(IngestResult result) {
        ObjectNode body = mapper.createObjectNode();
        body.put("accepted", result.accepted());
        ArrayNode rejected = body.putArray("rejected");
        for (IngestResult.Rejection r : result.rejected()) {
            ObjectNode entry = rejected.addObject();
            entry.put("index", r.index());
            entry.put("event_id", r.eventId());
            entry.put("error", r.error());
        }
        return body.toString();
    }
}
