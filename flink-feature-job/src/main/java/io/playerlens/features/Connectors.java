package io.playerlens.features;

import java.util.Properties;
import org.apache.flink.api.common.serialization.AbstractDeserializationSchema;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import io.playerlens.contracts.quarantine.QuarantineEntry;
import org.apache.flink.connector.kinesis.sink.KinesisStreamsSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.connectors.kinesis.FlinkKinesisConsumer;

/**
 * The job's connectors, from the runtime properties. Group {@code EventsSource}: {@code stream.name} plus any
 * {@code aws.*} / {@code flink.*} option of {@code flink-connector-kinesis} (passed through). Group
 * {@code ProfileSink}: {@code table.name}, the sink's buffering ({@code flush.timeout.ms}, {@code max.batch.size},
 * {@code max.inflight}) plus any {@code aws.*} option (passed through). Group {@code DeadLetterSink}: the quarantine
 * stream's {@code stream.name} plus any {@code aws.*} option.
 */
public final class Connectors {
    public static final String SOURCE_GROUP = io.playerlens.contracts.config.FeatureJobProperties.SOURCE_GROUP;
    public static final String SINK_GROUP = io.playerlens.contracts.config.FeatureJobProperties.SINK_GROUP;
    public static final String DEAD_LETTER_GROUP = io.playerlens.contracts.config.FeatureJobProperties.DEAD_LETTER_GROUP;

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

    /** The profiles table; writes the store refuses go to the dead-letter stream ({@link #DEAD_LETTER_GROUP}). */
    public static Sink<ProfileWrite> profileSink(JobProperties properties, FeatureJobSettings settings) {
        Properties sink = properties.group(SINK_GROUP);
        String table = properties.require(SINK_GROUP, "table.name");
        return new ProfileSink(table, settings.stateTtl(),
                Integer.parseInt(sink.getProperty("max.batch.size", "25")),
                // One request in flight per subtask keeps one player's writes in order.
                Integer.parseInt(sink.getProperty("max.inflight", "1")),
                Integer.parseInt(sink.getProperty("max.buffered", "10000")),
                // The connector's default (5 s) would be 5 s of latency; a few ms still batch a busy subtask's writes.
                Long.parseLong(sink.getProperty("flush.timeout.ms", "5")),
                awsOptions(sink), properties.require(DEAD_LETTER_GROUP, "stream.name"), awsOptions(properties.group(DEAD_LETTER_GROUP)));
    }

    /**
     * The dead-letter stream (the quarantine stream): group {@code DeadLetterSink}, {@code stream.name} plus any
     * {@code aws.*} option. Entries are encoded as ingest's quarantine records, one per record, keyed by player.
     */
    public static Sink<String> deadLetterSink(JobProperties properties) {
        String stream = properties.require(DEAD_LETTER_GROUP, "stream.name");
        return KinesisStreamsSink.<String>builder()
                .setStreamName(stream)
                .setKinesisClientProperties(awsOptions(properties.group(DEAD_LETTER_GROUP)))
                .setSerializationSchema(DeadLetters::record)
                .setPartitionKeyGenerator(entry -> DeadLetters.partitionKey(QuarantineEntry.fromJson(Json.parse(entry))))
                .setFailOnError(false)
                .setMaxTimeInBufferMS(1000)
                .build();
    }

    private static Properties awsOptions(Properties group) {
        Properties aws = new Properties();
        group.stringPropertyNames().stream().filter(k -> k.startsWith("aws.")).forEach(k -> aws.setProperty(k, group.getProperty(k)));
        return aws;
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
