package io.playerlens.contracts.codec;

import java.nio.charset.StandardCharsets;

/** One Kinesis record ready to put: its partition key, its encoded data and how many events it holds. */
public final class PackedRecord {
    private final String partitionKey;
    private final byte[] data;
    private final int eventCount;

    public PackedRecord(String partitionKey, byte[] data, int eventCount) {
        this.partitionKey = partitionKey;
        this.data = data;
        this.eventCount = eventCount;
    }

    public String partitionKey() {
        return partitionKey;
    }

    public byte[] data() {
        return data;
    }

    public int eventCount() {
        return eventCount;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PackedRecord)) {
            return false;
        }
        PackedRecord that = (PackedRecord) o;
        return java.util.Objects.equals(partitionKey, that.partitionKey) && java.util.Arrays.equals(data, that.data) && eventCount == that.eventCount;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(partitionKey, java.util.Arrays.hashCode(data), eventCount);
    }

    @Override
    public String toString() {
        return "PackedRecord[" + "partitionKey=" + partitionKey + ", " + "data=" + java.util.Arrays.toString(data) + ", " + "eventCount=" + eventCount + "]";
    }

    /** The size Kinesis counts against its limits: data plus partition key. */
    public int billedBytes() {
        return data.length + partitionKey.getBytes(StandardCharsets.UTF_8).length;
    }
}
