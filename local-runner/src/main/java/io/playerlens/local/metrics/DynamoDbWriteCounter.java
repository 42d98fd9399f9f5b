package io.playerlens.local.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Counts the item writes every DynamoDB client in this JVM sends (the feature job's sink included), as DynamoDB
 * bills them: one per item in a BatchWriteItem, PutItem or DeleteItem. Registered as an SDK global interceptor
 * ({@code software/amazon/awssdk/global/handlers/execution.interceptors}), so the local runner and the benchmark
 * see real writes, after the sink's per-player deduplication.
 */
public final class DynamoDbWriteCounter implements ExecutionInterceptor {
    private static final LongAdder WRITES = new LongAdder();

    public static long writes() {
        return WRITES.sum();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        Object request = context.request();
        if (request instanceof BatchWriteItemRequest batch) {
            for (Map.Entry<String, List<WriteRequest>> table : batch.requestItems().entrySet()) {
                WRITES.add(table.getValue().size());
            }
        } else if (request instanceof PutItemRequest || request instanceof DeleteItemRequest) {
            WRITES.increment();
        }
    }
}
