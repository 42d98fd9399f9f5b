package io.playerlens.contracts.codec;

/**
 * Kinesis size limits the packer works to. Sizes count the data blob plus the partition key, as Kinesis does.
 *
 * @param targetBytes pack records up to this size: Kinesis bills PUT payload units of 25 KB, so a record
 *     just under a unit carries the most events per unit
 * @param maxBytes a record is never larger than this (the Kinesis 1 MiB record limit)
 */
public record RecordLimits(int targetBytes, int maxBytes) {
    public static final int PUT_PAYLOAD_UNIT_BYTES = 25 * 1024;
    public static final int MAX_RECORD_BYTES = 1024 * 1024;
    public static final RecordLimits KINESIS = new RecordLimits(PUT_PAYLOAD_UNIT_BYTES, MAX_RECORD_BYTES);

    public RecordLimits {
        if (targetBytes <= 0 || maxBytes < targetBytes) {
            throw new IllegalArgumentException("need 0 < targetBytes <= maxBytes, got " + targetBytes + ", " + maxBytes);
        }
    }
}
