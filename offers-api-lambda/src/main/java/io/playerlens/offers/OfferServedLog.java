package io.playerlens.offers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.codec.BatchCodec;
import io.playerlens.contracts.event.EventFields;
import io.playerlens.contracts.event.ServerEventTypes;
import io.playerlens.contracts.event.ServerEvents;
import io.playerlens.contracts.offers.ScoredOffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Writes every served decision into the events stream as an {@code offer_served} event (partition key: the player,
 * so it sits in order with the player's events) <b>before the handler returns</b>: Lambda freezes the sandbox when
 * the handler returns, so work left on a background thread is delayed or lost. The put has its own time budget
 * ({@code timeout}); a decision the stream does not take within it is written whole to the function's log as an
 * {@code offer_served_undelivered} line (CloudWatch Logs keeps it; it can be replayed) and counted
 * ({@code OfferServedLogFailed}). The game's response is the same either way.
 */
public final class OfferServedLog {
    private static final Logger LOG = LoggerFactory.getLogger(OfferServedLog.class);
    /** The marker of an undelivered decision's log line. */
    public static final String UNDELIVERED = "offer_served_undelivered";

    private final KinesisClient kinesis;
    private final String stream;
    private final Duration timeout;
    private final OffersMetrics metrics;
    private final BatchCodec codec = new BatchCodec();

    public OfferServedLog(KinesisClient kinesis, String stream, Duration timeout, OffersMetrics metrics) {
        this.kinesis = kinesis;
        this.stream = stream;
        this.timeout = timeout;
        this.metrics = metrics;
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

    /** Writes the decision now, within the budget; never throws. */
    public void log(ObjectNode event) {
        try {
            byte[] record = codec.encodeLines(List.of(event.toString().getBytes(StandardCharsets.UTF_8)));
            kinesis.putRecord(b -> b.streamName(stream).partitionKey(event.get(EventFields.PLAYER_ID).asText())
                    .data(SdkBytes.fromByteArray(record)).overrideConfiguration(c -> c.apiCallTimeout(timeout)));
        } catch (RuntimeException e) {
            metrics.offerServedLogFailed();
            LOG.error("{}: the events stream did not take the decision within {} ms ({}); the decision: {}", UNDELIVERED,
                    timeout.toMillis(), e.toString(), event);
        }
    }
}
