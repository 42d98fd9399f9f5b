package io.playerlens.profile;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.api.ApiRoutes;
import io.playerlens.contracts.codec.BatchCodec;
import io.playerlens.contracts.event.PlayerKey;
import io.playerlens.contracts.event.ServerEvents;
import io.playerlens.contracts.profile.ProfileItem;
import io.playerlens.lambda.HttpResponses;
import io.playerlens.lambda.PlayerRequest;
import io.playerlens.lambda.RequestIds;
import io.playerlens.store.AwsClients;
import io.playerlens.store.ProfileItemCodec;
import io.playerlens.store.ProfileStore;
import io.playerlens.store.StoredProfile;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * {@code GET /v1/players/{player_id}/profile} and {@code DELETE /v1/players/{player_id}}, one Lambda, the same
 * class on AWS and in the local gateway. A game sees only its own players: a profile of another game is a 404.
 *
 * <p>Erasure writes a {@code player_erased} event to the events stream with the player as partition key — it
 * is ordered after the player's earlier events on the same shard, so the feature job forgets the player
 * (dedupe state included) exactly there — and deletes the item now, so the profile answers 404 at once.
 */
public final class ProfileHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileHandler.class);

    private final ProfileApiConfig config;
    private final DynamoDbClient dynamo;
    private final KinesisClient kinesis;
    private final ProfileMetrics metrics;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();
    private final BatchCodec codec = new BatchCodec();

    /** The Lambda runtime's constructor. */
    public ProfileHandler() {
        this(System.getenv(), EmfProfileMetrics.create());
    }

    /** For hosts other than Lambda (the local gateway), from an explicit environment. */
    public ProfileHandler(Map<String, String> env, ProfileMetrics metrics) {
        this(ProfileApiConfig.fromEnv(env), AwsClients.dynamoDb(env), AwsClients.kinesis(env), metrics, Clock.systemUTC());
    }

    ProfileHandler(ProfileApiConfig config, DynamoDbClient dynamo, KinesisClient kinesis, ProfileMetrics metrics, Clock clock) {
        this.config = config;
        this.dynamo = dynamo;
        this.kinesis = kinesis;
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
        try {
            PlayerRequest player = PlayerRequest.from(request, config.apiKeys());
            String method = request.getRequestContext() != null && request.getRequestContext().getHttp() != null
                    ? request.getRequestContext().getHttp().getMethod() : "GET";
            if ("DELETE".equalsIgnoreCase(method)) {
                return erase(player.key());
            }
            return ApiRoutes.GET_ERASURE.routeKey().equals(request.getRouteKey()) ? erasureStatus(player.key()) : read(player.key());
        } catch (PlayerRequest.Refused refused) {
            return refused.response();
        } catch (SdkException e) {
            LOG.error("profile request {} failed on an AWS call", requestId, e);
            return HttpResponses.error(503, "profile store unavailable, retry later", Map.of("retry-after", "1"));
        } catch (RuntimeException e) {
            LOG.error("profile request {} failed unexpectedly", requestId, e);
            return HttpResponses.error(500, "internal error; request id " + requestId);
        } finally {
            metrics.requestLatency((System.nanoTime() - started) / 1e6);
            metrics.flush();
        }
    }

    private APIGatewayV2HTTPResponse read(PlayerKey player) {
        String playerId = player.playerId();
        Optional<StoredProfile> stored = ProfileStore.read(dynamo, config.profilesTable(), player);
        if (stored.isEmpty()) {
            metrics.profileNotFound();
            return HttpResponses.error(404, "no profile for player " + playerId);
        }
        Profile profile = new Profile(stored.get());
        if (profile.hasProblems()) {
            metrics.profileItemProblems();
            LOG.warn("profile of player {} has values it cannot read: {}", playerId, stored.get().problems());
        }
        metrics.profileRead(profile.freshnessMillis());
        if (profile.hasStages()) {
            metrics.freshnessStages(profile.streamMillis(), profile.flinkMillis());
        }
        return HttpResponses.json(200, profile.toJson(playerId, clock.millis()).toString());
    }

    private APIGatewayV2HTTPResponse erase(PlayerKey player) {
        String playerId = player.playerId();
        String gameId = player.gameId();
        long now = clock.millis();
        ObjectNode event = ServerEvents.playerErased(playerId, gameId, now);
        byte[] record = codec.encodeLines(List.of(event.toString().getBytes(StandardCharsets.UTF_8)));
        // The erasure event first: if the stream refuses it, nothing has changed and the client retries the DELETE.
        kinesis.putRecord(b -> b.streamName(config.eventsStream()).partitionKey(player.value()).data(SdkBytes.fromByteArray(record)));
        try {
            // The pending tombstone replaces the profile at once, unless the job got there first: its completed tombstone,
            // or a profile of events received after this erasure, is newer than this request and stays.
            dynamo.putItem(b -> b.tableName(config.profilesTable()).item(ProfileItemCodec.tombstone(player, now, -1, -1))
                    .conditionExpression("(attribute_not_exists(#erased) OR #erased < :now) AND (attribute_not_exists(#received) OR #received <= :now)")
                    .expressionAttributeNames(Map.of("#erased", ProfileItem.ERASED_AT, "#received", ProfileItem.RECEIVED_AT))
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now)))));
        } catch (ConditionalCheckFailedException newer) {
            LOG.info("erasure of player {} of game {}: the feature job already applied it", playerId, gameId);
        }
        metrics.erasureRequested();
        LOG.info("erasure of player {} requested by game {}", playerId, gameId);
        ObjectNode body = mapper.createObjectNode();
        body.put("player_id", playerId);
        body.put("status", "accepted");
        body.put("requested_at", java.time.Instant.ofEpochMilli(now).toString());
        body.put("message", "the profile is gone from now on; everything the platform received before now is being erased, and nothing it"
                + " receives later is; GET " + ApiRoutes.GET_ERASURE.pathTemplate().replace("{player_id}", playerId) + " says when it is completed");
        return HttpResponses.json(202, body.toString());
    }

    private APIGatewayV2HTTPResponse erasureStatus(PlayerKey player) {
        Optional<ProfileItemCodec.Erasure> erasure = ProfileStore.erasure(dynamo, config.profilesTable(), player);
        if (erasure.isEmpty()) {
            return HttpResponses.error(404, "no erasure of player " + player.playerId() + " is known");
        }
        ObjectNode body = mapper.createObjectNode();
        body.put("player_id", player.playerId());
        body.put("status", erasure.get().completed() ? "completed" : "pending");
        if (erasure.get().requestedAt() >= 0) {
            body.put("requested_at", java.time.Instant.ofEpochMilli(erasure.get().requestedAt()).toString());
        }
        if (erasure.get().erasedAt() >= 0) {
            body.put("completed_at", java.time.Instant.ofEpochMilli(erasure.get().erasedAt()).toString());
        }
        return HttpResponses.json(200, body.toString());
    }
}
