package io.playerlens.contracts.codec;

import java.nio.charset.StandardCharsets;

/** One Kinesis record ready to put: its partition key, its encoded data and how many events it holds. */
public record PackedRecord(String partitionKey, byte[] data, int eventCount) {
    /** The size Kinesis counts against its limits: data plus partition key. */
    public int billedBytes() {
        return data.length + partitionKey.getBytes(StandardCharsets.UTF_8).length;
    }
}
