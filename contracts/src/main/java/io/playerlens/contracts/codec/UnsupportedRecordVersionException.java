package io.playerlens.contracts.codec;

/** A record written by a newer (or unknown) codec version: upgrade the reader before the writer. */
public class UnsupportedRecordVersionException extends CorruptRecordException {
    public UnsupportedRecordVersionException(int found, int supported) {
        super("record codec version " + found + " is not supported by this reader (supports " + supported + ")");
    }
}
