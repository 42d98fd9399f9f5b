package io.playerlens.contracts.event;

/**
 * The one erasure rule, used by the feature job, the backfill, the training sets and the archive erase alike: an
 * erasure removes everything the platform <em>received</em> before it, and nothing received after it. Both sides are
 * server receipt times ({@code received_at}, stamped by ingest and by the profile API when it accepts the erasure),
 * so a client's clock — ahead, behind or forged — can neither bring an erased event back nor erase a later one, and
 * every engine decides the same way whatever order it reads the events in.
 */
public final class ErasureRule {
    /**
     * How long an erasure is remembered: the feature job refuses events received before it (its state), and the
     * profile table keeps its tombstone (so no backfill or held-back write brings the profile back) this long.
     */
    public static final java.time.Duration MEMORY = java.time.Duration.ofDays(400);

    private ErasureRule() {
    }

    /** Whether an erasure received at {@code erasureReceivedAt} removes an event received at {@code eventReceivedAt}. */
    public static boolean erases(long erasureReceivedAt, long eventReceivedAt) {
        return eventReceivedAt <= erasureReceivedAt;
    }

    /** The same rule as a SQL condition that keeps an event: {@code <eventReceivedAt> > <erasureReceivedAt>}. */
    public static String keepsSql(String eventReceivedAt, String erasureReceivedAt) {
        return eventReceivedAt + " > " + erasureReceivedAt;
    }
}
