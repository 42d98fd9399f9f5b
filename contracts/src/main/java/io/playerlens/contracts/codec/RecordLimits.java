package io.playerlens.contracts.codec;

/**
 * Kinesis size limits the packer works to. Sizes count the data blob plus the partition key, as Kinesis does.
 */
public final class RecordLimits {
    public static final int PUT_PAYLOAD_UNIT_BYTES = 25 * 1024;
    public static final int MAX_RECORD_BYTES = 1024 * 1024;
    public static final RecordLimits KINESIS = new RecordLimits(PUT_PAYLOAD_UNIT_BYTES, MAX_RECORD_BYTES);

    private final int targetBytes;
    private final int maxBytes;

    /**
     * @param targetBytes pack records up to this size: Kinesis bills PUT payload units of 25 KB, so a record
     *     just under a unit carries the most events per unit
     * @param maxBytes a record is never larger than this (the Kinesis 1 MiB record limit)
     */
    public RecordLimits(int targetBytes, int maxBytes) {
        if (targetBytes <= 0 || maxBytes < targetBytes) {
            throw new IllegalArgumentException("need 0 < targetBytes <= maxBytes, got " + targetBytes + ", " + maxBytes);
        }
        this.targetBytes = targetBytes;
        this.maxBytes = maxBytes;
    }

    public int targetBytes() {
        return targetBytes;
    }

    public int maxBytes() {
        return maxBytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordLimits && ((RecordLimits) o).targetBytes == targetBytes && ((RecordLimits) o).maxBytes == maxBytes;
    }

    @Override
    public int hashCode() {
        return 31 * targetBytes + maxBytes;
    }

    @Override
    public String toString() {
        return "RecordLimits[targetBytes=" + targetBytes + ", maxBytes=" + maxBytes + "]";
    }
}
