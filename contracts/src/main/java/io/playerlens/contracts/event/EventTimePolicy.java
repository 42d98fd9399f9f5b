package io.playerlens.contracts.event;

import java.time.Duration;
import java.time.Instant;

/**
 * Which event times the platform accepts, and the rule that keeps one client's clock from changing other players'
 * features: <b>an event's time never runs ahead of the server</b>. A {@code ts} later than the server's receipt is
 * set to the receipt time (the client's value travels on as {@code client_ts}), so a fast clock can neither move the
 * job's watermark past the server clock nor make other players' events late. Refused outright, with the reason:
 * a {@code ts} before {@link #EARLIEST} (epoch seconds sent as milliseconds land in 1970), older than
 * {@code maxAge}, or more than {@code maxFutureSkew} ahead (a broken clock, not a skewed one).
 *
 * @param maxAge how far before receipt an event may be stamped (an offline client syncing late)
 * @param maxFutureSkew beyond this far ahead of the server clock an event is refused rather than clamped
 */
public final class EventTimePolicy {
    private final Duration maxAge;
    private final Duration maxFutureSkew;

    public EventTimePolicy(Duration maxAge, Duration maxFutureSkew) {
        this.maxAge = maxAge;
        this.maxFutureSkew = maxFutureSkew;
    }

    public Duration maxAge() {
        return maxAge;
    }

    public Duration maxFutureSkew() {
        return maxFutureSkew;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof EventTimePolicy)) {
            return false;
        }
        EventTimePolicy that = (EventTimePolicy) o;
        return java.util.Objects.equals(maxAge, that.maxAge) && java.util.Objects.equals(maxFutureSkew, that.maxFutureSkew);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(maxAge, maxFutureSkew);
    }

    @Override
    public String toString() {
        return "EventTimePolicy[" + "maxAge=" + maxAge + ", " + "maxFutureSkew=" + maxFutureSkew + "]";
    }

    /** Nothing real happened before this instant. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(30);
    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofHours(24);

    public static EventTimePolicy defaults() {
        return new EventTimePolicy(DEFAULT_MAX_AGE, DEFAULT_MAX_FUTURE_SKEW);
    }

    /** The verdict on one timestamp: the event time to use, or why the event is refused. */
    public static final class Verdict {
        private final long eventTime;
        private final boolean clamped;
        private final String error;

        public Verdict(long eventTime, boolean clamped, String error) {
            this.eventTime = eventTime;
            this.clamped = clamped;
            this.error = error;
        }

        public long eventTime() {
            return eventTime;
        }

        public boolean clamped() {
            return clamped;
        }

        public String error() {
            return error;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Verdict)) {
                return false;
            }
            Verdict that = (Verdict) o;
            return eventTime == that.eventTime && clamped == that.clamped && java.util.Objects.equals(error, that.error);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(eventTime, clamped, error);
        }

        @Override
        public String toString() {
            return "Verdict[" + "eventTime=" + eventTime + ", " + "clamped=" + clamped + ", " + "error=" + error + "]";
        }

        public boolean accepted() {
            return error == null;
        }
    }

    /** Checks {@code ts} against the server's receipt time. */
    public Verdict check(long ts, long receivedAt, String asSent) {
        if (ts < EARLIEST.toEpochMilli()) {
            return refuse("ts " + asSent + " is before " + EARLIEST + "; epoch timestamps must be in milliseconds");
        }
        long behind = receivedAt - ts;
        if (behind > maxAge.toMillis()) {
            return refuse("ts " + asSent + " is " + Duration.ofMillis(behind).toDays() + " days before the server clock; events older than "
                    + maxAge.toDays() + " days are refused");
        }
        long ahead = ts - receivedAt;
        if (ahead > maxFutureSkew.toMillis()) {
            return refuse("ts " + asSent + " is " + ahead + " ms ahead of the server clock; more than " + maxFutureSkew.toMillis()
                    + " ms ahead is refused (a clock that far ahead is broken); a ts up to that far ahead is set to the receipt time");
        }
        return ahead > 0 ? new Verdict(receivedAt, true, null) : new Verdict(ts, false, null);
    }

    /**
     * The event time of an event already on the stream: never after its receipt. The feature job and the offline
     * jobs apply it to every event, so records written before the edge clamped agree with the ones after.
     */
    public static long eventTime(long ts, long receivedAt) {
        return receivedAt > 0 ? Math.min(ts, receivedAt) : ts;
    }

    private static Verdict refuse(String error) {
        return new Verdict(0, false, error);
    }
}
