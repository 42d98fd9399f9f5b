package io.playerlens.offers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.codec.BatchCodec;
import io.playerlens.contracts.event.EventFields;
import io.playerlens.contracts.event.ServerEventTypes;
import io.playerlens.contracts.event.ServerEvents;
import io.playerlens.contracts.offers.ScoredOffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Writes every served decision back into the events stream as an {@code offer_served} event (partition key: the
 * player, so it sits in order with the player's events), off the request path. A write that fails is logged with
 * the whole event and counted; the game's response never waits for it.
 */
public final class OfferServedLog {
    private static final Logger LOG = LoggerFactory.getLogger(OfferServedLog.class);

    private final KinesisClient kinesis;
    private final String stream;
    private final OffersMetrics metrics;
    private final BatchCodec codec = new BatchCodec();
    private final Executor writer;

    public OfferServedLog(KinesisClient kinesis, String stream, OffersMetrics metrics) {
        this(kinesis, stream, metrics, new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(10_000), r -> {
            Thread t = new Thread(r, "offer-served-log");
            t.setDaemon(true);
            return t;
        }));
    }

    OfferServedLog(KinesisClient kinesis, String stream, OffersMetrics metrics, Executor writer) {
        this.kinesis = kinesis;
        this.stream = stream;
        this.metrics = metrics;
        this.writer = writer;
    }

    /** The event for one decision (also what the response reflects). */
    static ObjectNode event(String gameId, String playerId, String placement, String model, String version, String variant,
                            List<ScoredOffer> offers, boolean fallback, String reason, long now) {
        ObjectNode e = ServerEvents.create(ServerEventTypes.OFFER_SERVED, playerId, gameId, now);
        ObjectNode props = ServerEvents.props(e);
        props.put("placement", placement).put("model", model).put("model_version", version).put("variant", variant)
                .put("fallback", fallback);
        if (reason != null) {
            props.put("reason", reason);
        }
        ArrayNode ids = props.putArray("offers");
        ArrayNode scores = props.putArray("scores");
        offers.forEach(o -> {
            ids.add(o.offer().offerId());
            scores.add(o.score());
        });
        return e;
    }

    public void log(ObjectNode event) {
        try {
            writer.execute(() -> put(event));
        } catch (java.util.concurrent.RejectedExecutionException full) {
            metrics.offerServedLogFailed();
            LOG.error("offer_served log queue full; event not written: {}", event);
        }
    }

    private void put(ObjectNode event) {
        try {
            byte[] record = codec.encodeLines(List.of(event.toString().getBytes(StandardCharsets.UTF_8)));
            kinesis.putRecord(b -> b.streamName(stream).partitionKey(event.get(EventFields.PLAYER_ID).asText())
                    .data(SdkBytes.fromByteArray(record)));
        } catch (RuntimeException e) {
            metrics.offerServedLogFailed();
            LOG.error("offer_served event not written: {}", event, e);
        }
    }
}
