package io.playerlens.local.metrics;

import io.playerlens.contracts.profile.ProfileItem;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Reads the stage stamps of every profile item the feature job's sink writes, once DynamoDB has acknowledged it:
 * {@code received_at} (ingest), {@code processed_at} (the job decoded the event), {@code updated_at} (the job
 * emitted the item) and the acknowledgement itself. An SDK global interceptor, like {@link DynamoDbWriteCounter}:
 * the sink's client is built inside the connector.
 */
public final class ProfileWriteTracer implements ExecutionInterceptor {
    /** One written profile's stamps, epoch milliseconds ({@code processedAt} -1 when absent). */
    public record Trace(long receivedAt, long processedAt, long updatedAt, long writtenAt) {
    }

    /** Receives traces; registered by a running local platform. */
    public interface Listener {
        void written(Trace trace);
    }

    private static final List<Listener> LISTENERS = new CopyOnWriteArrayList<>();

    public static void register(Listener listener) {
        LISTENERS.add(listener);
    }

    public static void unregister(Listener listener) {
        LISTENERS.remove(listener);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (LISTENERS.isEmpty()) {
            return;
        }
        long writtenAt = System.currentTimeMillis();
        Object request = context.request();
        if (request instanceof PutItemRequest put) {
            trace(put.item(), writtenAt);
        } else if (request instanceof BatchWriteItemRequest batch) {
            Map<String, List<WriteRequest>> unprocessed = context.response() instanceof BatchWriteItemResponse response
                    ? response.unprocessedItems() : Map.of();
            batch.requestItems().forEach((table, writes) -> {
                List<WriteRequest> retried = unprocessed.getOrDefault(table, List.of());
                for (WriteRequest write : writes) {
                    if (write.putRequest() != null && !retried.contains(write)) {
                        trace(write.putRequest().item(), writtenAt);
                    }
                }
            });
        }
    }

    private static void trace(Map<String, AttributeValue> item, long writtenAt) {
        AttributeValue received = item.get(ProfileItem.RECEIVED_AT);
        AttributeValue updated = item.get(ProfileItem.UPDATED_AT);
        if (received == null || updated == null || received.n() == null || updated.n() == null) {
            return; // not a profile item
        }
        AttributeValue processed = item.get(ProfileItem.PROCESSED_AT);
        Trace trace = new Trace(Long.parseLong(received.n()), processed == null ? -1 : Long.parseLong(processed.n()),
                Long.parseLong(updated.n()), writtenAt);
        for (Listener listener : LISTENERS) {
            listener.written(trace);
        }
    }
}
