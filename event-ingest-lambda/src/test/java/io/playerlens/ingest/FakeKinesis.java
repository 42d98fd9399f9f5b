package io.playerlens.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.kinesis.KinesisClient;
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
                results.add(PutRecordsResultEntry.builder().shardId("shardId-000000000000").sequenceNumber("1").build());
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
