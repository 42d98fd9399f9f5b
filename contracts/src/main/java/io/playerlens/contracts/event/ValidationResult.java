package io.playerlens.contracts.event;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the validator made of one event: the canonical stream form, or a precise reason it was refused. */
public interface ValidationResult {

    /** An accepted event in its canonical stream form (ts as epoch millis, server stamps added). */
    final class Accepted implements ValidationResult {
        private final ObjectNode event;

        public Accepted(ObjectNode event) {
            this.event = event;
        }

        public ObjectNode event() {
            return event;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Accepted)) {
                return false;
            }
            Accepted that = (Accepted) o;
            return java.util.Objects.equals(event, that.event);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(event);
        }

        @Override
        public String toString() {
            return "Accepted[" + "event=" + event + "]";
        }

    }

    /** A refused event; {@code error} is the message the client sees. */
    final class Rejected implements ValidationResult {
        private final String error;

        public Rejected(String error) {
            this.error = error;
        }

        public String error() {
            return error;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Rejected)) {
                return false;
            }
            Rejected that = (Rejected) o;
            return java.util.Objects.equals(error, that.error);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(error);
        }

        @Override
        public String toString() {
            return "Rejected[" + "error=" + error + "]";
        }

    }
}
