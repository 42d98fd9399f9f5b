package io.playerlens.features;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Properties;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.connector.dynamodb.sink.DynamoDbWriteRequest;
import org.apache.flink.connector.dynamodb.sink.DynamoDbWriterStateSerializer;
import org.apache.flink.connector.dynamodb.sink.client.DynamoDbAsyncClientProvider;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The profiles table as a Flink sink: an async sink ({@link ProfileSinkWriter}) whose buffered requests are
 * checkpointed with flink-connector-dynamodb's state serializer, and whose refused writes go to the dead letters.
 */
public final class ProfileSink extends AsyncSinkBase<ProfileWrite, DynamoDbWriteRequest> {
    private static final long serialVersionUID = 1L;

    private final String table;
    private final Properties dynamoDbProperties;
    private final String deadLetterStream;
    private final Properties deadLetterProperties;

    /**
     * @param dynamoDbProperties the {@code aws.*} options of the DynamoDB client
     * @param deadLetterStream the quarantine stream
     * @param deadLetterProperties the {@code aws.*} options of its Kinesis client
     */
    public ProfileSink(String table, Duration itemTtl, int maxBatchSize, int maxInFlight, int maxBuffered, long flushMillis,
                       Properties dynamoDbProperties, String deadLetterStream, Properties deadLetterProperties) {
        this(table, new ProfileItemConverter(itemTtl), maxBatchSize, maxInFlight, maxBuffered, flushMillis, dynamoDbProperties,
                deadLetterStream, deadLetterProperties);
    }

    /** With another converter: tests send the store writes no assembler would. */
    ProfileSink(String table, ElementConverter<ProfileWrite, DynamoDbWriteRequest> converter, int maxBatchSize, int maxInFlight,
                int maxBuffered, long flushMillis, Properties dynamoDbProperties, String deadLetterStream, Properties deadLetterProperties) {
        super(converter, maxBatchSize, maxInFlight, maxBuffered, 16L * 1024 * 1024, flushMillis, 400L * 1024);
        if (maxBatchSize > 25) {
            throw new IllegalArgumentException("BatchWriteItem takes at most 25 items; max.batch.size is " + maxBatchSize);
        }
        this.table = table;
        this.dynamoDbProperties = dynamoDbProperties;
        this.deadLetterStream = deadLetterStream;
        this.deadLetterProperties = deadLetterProperties;
    }

    @Override
    public ProfileSinkWriter createWriter(InitContext context) {
        return restoreWriter(context, Collections.emptyList());
    }

    @Override
    public ProfileSinkWriter restoreWriter(InitContext context, Collection<BufferedRequestState<DynamoDbWriteRequest>> state) {
        AsyncSinkWriterConfiguration configuration = AsyncSinkWriterConfiguration.builder()
                .setMaxBatchSize(getMaxBatchSize())
                .setMaxBatchSizeInBytes(getMaxBatchSizeInBytes())
                .setMaxInFlightRequests(getMaxInFlightRequests())
                .setMaxBufferedRequests(getMaxBufferedRequests())
                .setMaxTimeInBufferMS(getMaxTimeInBufferMS())
                .setMaxRecordSizeInBytes(getMaxRecordSizeInBytes())
                .build();
        return new ProfileSinkWriter(getElementConverter(), context, configuration, table, deadLetterStream,
                new DynamoDbAsyncClientProvider(dynamoDbProperties), new KinesisAsyncClientProvider(deadLetterProperties), state);
    }

    @Override
    public SimpleVersionedSerializer<BufferedRequestState<DynamoDbWriteRequest>> getWriterStateSerializer() {
        return new DynamoDbWriterStateSerializer();
    }
}
