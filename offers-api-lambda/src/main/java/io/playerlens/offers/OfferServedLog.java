package io.playerlens.offers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.event.ServerEvents;
import io.playerlens.contracts.offers.ScoredOffer;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * Records every served decision as an {@code offer_served} event: one line of the event's JSON on the function's
 * standard output, written before the handler returns. No network call sits on the request path: on AWS the line is
 * in the function's CloudWatch log like its EMF metrics, and a subscription filter ({@code { $.type = "offer_served" }})
 * hands it to a Firehose that writes it into the raw archive next to the players' events, where the offline jobs read
 * it. Locally the platform passes a sink that appends it to the local archive the same way.
 *
 * <p>Guarantee: the line is written before the response is returned; CloudWatch Logs keeps it even if the delivery
 * to the archive is late (the Firehose alarms on that), so a decision is lost only if the function's log is.
 */
public final class OfferServedLog {
    private final Consumer<String> sink;

    /** @param sink takes one line (no newline) per decision; must not block for long */
    public OfferServedLog(Consumer<String> sink) {
        this.sink = sink;
    }

    /** The Lambda runtime's sink: the line on standard output, flushed. */
    public static OfferServedLog toStandardOutput() {
        PrintStream out = System.out;
        return new OfferServedLog(line -> {
            out.println(line);
            out.flush();
        });
    }

    /** The event for one decision (also what the response reflects): {@link ServerEvents#offerServed}. */
    static ObjectNode event(String gameId, String playerId, String placement, String model, String version, String variant,
                            List<ScoredOffer> offers, boolean fallback, String reason, long now) {
        return ServerEvents.offerServed(gameId, playerId, placement, model, version, variant, offers, fallback, reason, now);
    }

    /** Records the decision now. Jackson escapes every control character, so the line is one line whatever the ids hold. */
    public void log(ObjectNode event) {
        sink.accept(event.toString());
    }
}
