package io.playerlens.emulators;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** Reads everything currently in a stream, shard by shard, with GetRecords: what any Kinesis client would see. */
public final class StreamReader {
    private StreamReader() {
    }

    /** All records of all shards, from the trim horizon to the current tip. */
    public static List<Record> readAll(KinesisClient kinesis, String stream) {
        List<Record> records = new ArrayList<>();
        for (Shard shard : kinesis.listShards(b -> b.streamName(stream)).shards()) {
            String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse response = kinesis.getRecords(b -> b.shardIterator(current).limit(10_000));
                records.addAll(response.records());
                boolean atTip = response.records().isEmpty()
                        && (response.millisBehindLatest() == null || response.millisBehindLatest() == 0);
                iterator = atTip ? null : response.nextShardIterator();
            }
        }
        return records;
    }
}
