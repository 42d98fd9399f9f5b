package io.playerlens.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import io.playerlens.contracts.codec.ShardMap;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.SequenceNumberRange;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * A Kinesis client that keeps what was put, per stream, and can be told to fail records: {@code failWhen}
 * gets (call number, entry) and returns an error code or null.
 */
final class FakeKinesis implements KinesisClient {
    record Put(String stream, PutRecordsRequestEntry entry) {
    }

    final List<PutRecordsRequest> calls = new ArrayList<>();
    final List<Put> stored = new ArrayList<>();
    BiFunction<Integer, PutRecordsRequestEntry, String> failWhen = (call, entry) -> null;
    RuntimeException throwOnCall;
    /** The stream's shards: ListShards answers them and puts land on the shard of their partition key. Null: no ListShards. */
    ShardMap shards;
    RuntimeException listShardsFails;
    int listShardsCalls;

    @Override
    public ListShardsResponse listShards(ListShardsRequest request) {
        listShardsCalls++;
        if (listShardsFails != null) {
            throw listShardsFails;
        }
        if (shards == null) {
            throw new UnsupportedOperationException("no ListShards in this fake");
        }
        List<Shard> open = new ArrayList<>();
        shardRanges().forEach(r -> open.add(Shard.builder().shardId(r.shardId())
                .hashKeyRange(HashKeyRange.builder().startingHashKey(r.start().toString()).endingHashKey(r.end().toString()).build())
                .sequenceNumberRange(SequenceNumberRange.builder().startingSequenceNumber("0").build()).build()));
        return ListShardsResponse.builder().shards(open).build();
    }

    /** The ranges of {@link #shards} (the fakes use even splits). */
    List<ShardMap.Range> shardRanges() {
        List<ShardMap.Range> ranges = new ArrayList<>();
        java.math.BigInteger space = java.math.BigInteger.ONE.shiftLeft(128);
        int count = shards.shards();
        for (int i = 0; i < count; i++) {
            ranges.add(new ShardMap.Range(String.format("shardId-%012d", i), space.multiply(java.math.BigInteger.valueOf(i))
                    .divide(java.math.BigInteger.valueOf(count)), space.multiply(java.math.BigInteger.valueOf(i + 1L))
                    .divide(java.math.BigInteger.valueOf(count)).subtract(java.math.BigInteger.ONE)));
        }
        return ranges;
    }

    @Override
    public PutRecordsResponse putRecords(PutRecordsRequest request) {
        calls.add(request);
        if (throwOnCall != null) {
            throw throwOnCall;
        }
        int failed = 0;
        List<PutRecordsResultEntry> results = new ArrayList<>();
        for (PutRecordsRequestEntry entry : request.records()) {
            String error = failWhen.apply(calls.size(), entry);
            if (error == null) {
                stored.add(new Put(request.streamName(), entry));
                String shard = shards == null ? "shardId-000000000000" : shards.shardOf(entry.partitionKey());
                results.add(PutRecordsResultEntry.builder().shardId(shard).sequenceNumber("1").build());
            } else {
                failed++;
                results.add(PutRecordsResultEntry.builder().errorCode(error).errorMessage("fake " + error).build());
            }
        }
        return PutRecordsResponse.builder().failedRecordCount(failed).records(results).build();
    }

    List<byte[]> dataIn(String stream) {
        return stored.stream().filter(p -> p.stream().equals(stream)).map(p -> p.entry().data().asByteArray()).toList();
    }

    @Override
    public String serviceName() {
        return "kinesis";
    }

    @Override
    public void close() {
    }
}
