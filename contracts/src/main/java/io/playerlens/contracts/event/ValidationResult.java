package io.playerlens.contracts.event;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the validator made of one event: the canonical stream form, or a precise reason it was refused. */
public sealed interface ValidationResult {

    /** An accepted event in its canonical stream form (ts as epoch millis, server stamps added). */
    record Accepted(ObjectNode event) implements ValidationResult {
    }

    /** A refused event; {@code error} is the message the client sees. */
    record Rejected(String error) implements ValidationResult {
    }
}
