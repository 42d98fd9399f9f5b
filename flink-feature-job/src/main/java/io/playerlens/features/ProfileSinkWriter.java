package io.playerlens.features;

import static java.util.Collections.singletonMap;

import io.playerlens.contracts.metrics.MetricNames;
import io.playerlens.contracts.profile.ProfileItem;
import io.playerlens.contracts.quarantine.QuarantineEntry;
import io.playerlens.store.ProfileItemCodec;
import io.playerlens.store.StoredProfile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.connector.dynamodb.sink.DynamoDbWriteRequest;
import org.apache.flink.connector.dynamodb.sink.DynamoDbWriteRequestType;
import org.apache.flink.connector.dynamodb.sink.client.SdkClientProvider;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

/**
 * Writes profile items with BatchWriteItem, like flink-connector-dynamodb's writer, with one difference that keeps
 * the job alive: a batch the store refuses as invalid ({@code ValidationException}, e.g. an item over 400 KB or a
 * value it cannot hold) is retried item by item, and each item the store refuses on its own goes to the quarantine
 * stream with DynamoDB's message ({@link DeadLetters}), counted — the connector fails the job on it, and a restore
 * retries the same write forever. Throttling, unprocessed items, timeouts and an unreachable store are retried (the
 * async sink's back-pressure); a missing table fails the job loudly (configuration, not data).
 *
 * <p>Within a batch, the last write of a player wins (the earlier ones are superseded); one request is in flight
 * per subtask, so a player's writes stay in order.
 */
final class ProfileSinkWriter extends AsyncSinkWriter<ProfileWrite, DynamoDbWriteRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileSinkWriter.class);

    private final String table;
    private final String deadLetterStream;
    private final SdkClientProvider<DynamoDbAsyncClient> dynamo;
    private final SdkClientProvider<KinesisAsyncClient> kinesis;
    private final Counter deadLetters;
    private final Counter retried;
    private final FreshnessWindow freshness = new FreshnessWindow();

    ProfileSinkWriter(ElementConverter<ProfileWrite, DynamoDbWriteRequest> converter, Sink.InitContext context,
                      AsyncSinkWriterConfiguration configuration, String table, String deadLetterStream,
                      SdkClientProvider<DynamoDbAsyncClient> dynamo, SdkClientProvider<KinesisAsyncClient> kinesis,
                      Collection<BufferedRequestState<DynamoDbWriteRequest>> state) {
        super(converter, context, configuration, state);
        this.table = table;
        this.deadLetterStream = deadLetterStream;
        this.dynamo = dynamo;
        this.kinesis = kinesis;
        this.deadLetters = DeadLetters.counter(context.metricGroup());
        this.retried = context.metricGroup().counter("ProfileWritesRetried");
        context.metricGroup().addGroup(DeadLetters.METRIC_GROUP).gauge(MetricNames.PROFILE_WRITE_FRESHNESS_P99, freshness::p99AndReset);
    }

    @Override
    protected void submitRequestEntries(List<DynamoDbWriteRequest> entries, Consumer<List<DynamoDbWriteRequest>> retry) {
        List<DynamoDbWriteRequest> latest = latestPerPlayer(entries);
        List<WriteRequest> writes = new ArrayList<>(latest.size());
        latest.forEach(e -> writes.add(toWriteRequest(e)));
        dynamo.getClient().batchWriteItem(BatchWriteItemRequest.builder().requestItems(singletonMap(table, writes)).build())
                .whenComplete((response, error) -> {
                    if (error == null) {
                        List<DynamoDbWriteRequest> again = unprocessed(response, latest);
                        recordFreshness(latest, again);
                        retry.accept(again);
                    } else if (isRefusedAsInvalid(error)) {
                        writeOneByOne(latest).whenComplete((again, e) -> retry.accept(e == null ? again : latest));
                    } else if (isConfiguration(error)) {
                        getFatalExceptionCons().accept(new IllegalStateException("the profiles table " + table
                                + " cannot be written (configuration, not data): " + cause(error).getMessage(), cause(error)));
                    } else {
                        LOG.warn("profile writes failed ({}); retrying {} of them", cause(error).toString(), latest.size());
                        retried.inc(latest.size());
                        retry.accept(latest);
                    }
                });
    }

    /** received_at → acknowledged, for each put the store took (deletes and writes still to retry have no freshness). */
    private void recordFreshness(List<DynamoDbWriteRequest> sent, List<DynamoDbWriteRequest> notWritten) {
        long now = System.currentTimeMillis();
        java.util.Set<String> left = new java.util.HashSet<>();
        notWritten.forEach(e -> left.add(e.getItem().get(ProfileItem.KEY).s()));
        for (DynamoDbWriteRequest entry : sent) {
            AttributeValue receivedAt = entry.getType() == DynamoDbWriteRequestType.PUT ? entry.getItem().get(ProfileItem.RECEIVED_AT) : null;
            if (receivedAt != null && receivedAt.n() != null && !left.contains(entry.getItem().get(ProfileItem.KEY).s())) {
                long received = Long.parseLong(receivedAt.n());
                if (received > 0) {
                    freshness.add(Math.max(0, now - received));
                }
            }
        }
    }

    /** Each write on its own: the ones the store refuses are dead letters; the others are written or retried. */
    private CompletableFuture<List<DynamoDbWriteRequest>> writeOneByOne(List<DynamoDbWriteRequest> entries) {
        List<DynamoDbWriteRequest> toRetry = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (DynamoDbWriteRequest entry : entries) {
            CompletableFuture<?> single = entry.getType() == DynamoDbWriteRequestType.PUT
                    ? dynamo.getClient().putItem(b -> b.tableName(table).item(entry.getItem()))
                    : dynamo.getClient().deleteItem(b -> b.tableName(table).key(entry.getItem()));
            all.add(single.handle((ok, error) -> {
                if (error == null) {
                    return CompletableFuture.<Void>completedFuture(null);
                }
                if (isRefusedAsInvalid(error)) {
                    return deadLetter(entry, cause(error).getMessage()).exceptionally(kinesisDown -> {
                        LOG.warn("dead letter not written ({}); the write will be tried again", kinesisDown.toString());
                        toRetry.add(entry);
                        return null;
                    });
                }
                toRetry.add(entry);
                return CompletableFuture.<Void>completedFuture(null);
            }).thenCompose(f -> f));
        }
        return CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).thenApply(done -> new ArrayList<>(toRetry));
    }

    private CompletableFuture<Void> deadLetter(DynamoDbWriteRequest entry, String reason) {
        StoredProfile item = ProfileItemCodec.decode(entry.getItem());
        QuarantineEntry dead = QuarantineEntry.refusedProfileWrite(item.gameId(), item.playerId(), ProfileItemCodec.describe(item),
                "the profile store refused the write: " + reason, System.currentTimeMillis());
        LOG.warn("profile write of player {} refused by the store: {}", item.playerId(), reason);
        return kinesis.getClient().putRecord(b -> b.streamName(deadLetterStream).partitionKey(DeadLetters.partitionKey(dead))
                        .data(SdkBytes.fromByteArray(DeadLetters.record(dead.toJson().toString()))))
                .thenRun(deadLetters::inc);
    }

    private static List<DynamoDbWriteRequest> latestPerPlayer(List<DynamoDbWriteRequest> entries) {
        Map<String, DynamoDbWriteRequest> latest = new LinkedHashMap<>();
        for (DynamoDbWriteRequest entry : entries) {
            String player = entry.getItem().get(ProfileItem.KEY).s();
            latest.remove(player);
            latest.put(player, entry);
        }
        return new ArrayList<>(latest.values());
    }

    private List<DynamoDbWriteRequest> unprocessed(BatchWriteItemResponse response, List<DynamoDbWriteRequest> sent) {
        List<WriteRequest> left = response.unprocessedItems() == null ? null : response.unprocessedItems().get(table);
        if (left == null || left.isEmpty()) {
            return Collections.emptyList();
        }
        retried.inc(left.size());
        List<DynamoDbWriteRequest> again = new ArrayList<>(left.size());
        for (WriteRequest w : left) {
            again.add(w.putRequest() != null
                    ? DynamoDbWriteRequest.builder().setType(DynamoDbWriteRequestType.PUT).setItem(w.putRequest().item()).build()
                    : DynamoDbWriteRequest.builder().setType(DynamoDbWriteRequestType.DELETE).setItem(w.deleteRequest().key()).build());
        }
        return again;
    }

    private static WriteRequest toWriteRequest(DynamoDbWriteRequest entry) {
        return entry.getType() == DynamoDbWriteRequestType.PUT
                ? WriteRequest.builder().putRequest(PutRequest.builder().item(entry.getItem()).build()).build()
                : WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(entry.getItem()).build()).build();
    }

    /** The store refuses the request's content: bad data, which retrying cannot fix. */
    static boolean isRefusedAsInvalid(Throwable error) {
        Throwable cause = cause(error);
        return cause instanceof DynamoDbException && !(cause instanceof ResourceNotFoundException)
                && ((DynamoDbException) cause).awsErrorDetails() != null
                && "ValidationException".equals(((DynamoDbException) cause).awsErrorDetails().errorCode());
    }

    /** The table is missing or the client cannot be configured: retrying cannot fix it, and it is not the data's fault. */
    private static boolean isConfiguration(Throwable error) {
        Throwable cause = cause(error);
        return cause instanceof ResourceNotFoundException
                || cause instanceof SdkClientException && cause.getMessage() != null && cause.getMessage().contains("Unable to load credentials");
    }

    private static Throwable cause(Throwable error) {
        Throwable t = error;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Override
    protected long getSizeInBytes(DynamoDbWriteRequest entry) {
        return 0; // as the connector: DynamoDB's own item size is checked by the assembler (ProfileItemCodec)
    }

    @Override
    public void close() {
        super.close();
        dynamo.close();
        kinesis.close();
    }
}
