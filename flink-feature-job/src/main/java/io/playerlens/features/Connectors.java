package io.playerlens.features;

import java.util.List;
import java.util.Properties;
import org.apache.flink.api.common.serialization.AbstractDeserializationSchema;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.dynamodb.sink.DynamoDbSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.connectors.kinesis.FlinkKinesisConsumer;

/**
 * The job's connectors, from the runtime properties. Group {@code EventsSource}: {@code stream.name} plus any
 * {@code aws.*} / {@code flink.*} option of {@code flink-connector-kinesis} (passed through). Group
 * {@code ProfileSink}: {@code table.name}, the sink's buffering ({@code flush.timeout.ms}, {@code max.batch.size},
 * {@code max.inflight}) plus any {@code aws.*} option (passed through).
 */
public final class Connectors {
    public static final String SOURCE_GROUP = io.playerlens.contracts.config.FeatureJobProperties.SOURCE_GROUP;
    public static final String SINK_GROUP = io.playerlens.contracts.config.FeatureJobProperties.SINK_GROUP;

    private Connectors() {
    }

    /** Kinesis records as raw bytes; {@link RecordDecoder} turns each into many events. */
    public static DataStream<byte[]> eventsSource(StreamExecutionEnvironment env, JobProperties properties) {
        Properties consumer = properties.group(SOURCE_GROUP);
        String stream = properties.require(SOURCE_GROUP, "stream.name");
        consumer.remove("stream.name");
        consumer.putIfAbsent("flink.stream.initpos", "TRIM_HORIZON");
        consumer.putIfAbsent("flink.stream.recordpublisher", "POLLING");
        return env.addSource(new FlinkKinesisConsumer<>(stream, new RawBytes(), consumer))
                .name("kinesis: " + stream).uid("kinesis-source");
    }

    public static Sink<ProfileWrite> profileSink(JobProperties properties, FeatureJobSettings settings) {
        Properties sink = properties.group(SINK_GROUP);
        String table = properties.require(SINK_GROUP, "table.name");
        Properties aws = new Properties();
        sink.stringPropertyNames().stream().filter(k -> k.startsWith("aws.")).forEach(k -> aws.setProperty(k, sink.getProperty(k)));
        return DynamoDbSink.<ProfileWrite>builder()
                .setTableName(table)
                .setDynamoDbProperties(aws)
                .setElementConverter(new ProfileItemConverter(settings.stateTtl()))
                // Several writes of one player in a flush keep only the last: fewer writes, never a stale item.
                .setOverwriteByPartitionKeys(List.of(io.playerlens.contracts.profile.ProfileItem.PLAYER_ID))
                .setMaxBatchSize(Integer.parseInt(sink.getProperty("max.batch.size", "25")))
                // One request in flight per subtask keeps one player's writes in order.
                .setMaxInFlightRequests(Integer.parseInt(sink.getProperty("max.inflight", "1")))
                .setMaxBufferedRequests(Integer.parseInt(sink.getProperty("max.buffered", "10000")))
                .setMaxTimeInBufferMS(Long.parseLong(sink.getProperty("flush.timeout.ms", "5")))
                .setFailOnError(false)
                .build();
    }

    /** Passes each record's bytes through: decoding many events per record happens in a flatMap. */
    static final class RawBytes extends AbstractDeserializationSchema<byte[]> {
        @Override
        public byte[] deserialize(byte[] message) {
            return message;
        }

        @Override
        public TypeInformation<byte[]> getProducedType() {
            return PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO;
        }
    }
}
