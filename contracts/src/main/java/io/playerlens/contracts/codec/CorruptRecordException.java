package io.playerlens.contracts.codec;

/** A Kinesis record that is not a well-formed playerlens record. */
public class CorruptRecordException extends RuntimeException {
    public CorruptRecordException(String message) {
        super(message);
    }
}
