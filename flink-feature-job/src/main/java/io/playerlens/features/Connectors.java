package io.playerlens.features;

import io.playerlens.contracts.config.FeatureJobProperties;
import io.playerlens.contracts.quarantine.QuarantineEntry;
import java.util.Properties;
import org.apache.flink.api.common.serialization.AbstractDeserializationSchema;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.kinesis.sink.KinesisStreamsSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.connectors.kinesis.FlinkKinesisConsumer;

/**
 * The job's connectors, from the runtime properties ({@link FeatureJobProperties}: keys and defaults). Group {@code EventsSource}: {@code stream.name} plus any
 * {@code aws.*} / {@code flink.*} option of {@code flink-connector-kinesis} (passed through). Group
 * {@code ProfileSink}: {@code table.name}, the sink's buffering ({@code flush.timeout.ms}, {@code max.batch.size},
 * {@code max.inflight}) plus any {@code aws.*} option (passed through). Group {@code DeadLetterSink}: the quarantine
 * stream's {@code stream.name} plus any {@code aws.*} option.
 */
public final class Connectors {
    public static final String SOURCE_GROUP = FeatureJobProperties.SOURCE_GROUP;
    public static final String SINK_GROUP = FeatureJobProperties.SINK_GROUP;
    public static final String DEAD_LETTER_GROUP = FeatureJobProperties.DEAD_LETTER_GROUP;

    private Connectors() {
    }

    /** Kinesis records as raw bytes; {@link RecordDecoder} turns each into many events. */
    public static DataStream<byte[]> eventsSource(StreamExecutionEnvironment env, JobProperties properties) {
        Properties consumer = properties.group(SOURCE_GROUP);
        String stream = properties.require(SOURCE_GROUP, FeatureJobProperties.STREAM_NAME);
        consumer.remove(FeatureJobProperties.STREAM_NAME);
        return env.addSource(new FlinkKinesisConsumer<>(stream, new RawBytes(), consumer))
                .name("kinesis: " + stream).uid("kinesis-source");
    }

    /** The profiles table; writes the store refuses go to the dead-letter stream ({@link #DEAD_LETTER_GROUP}). */
    public static Sink<ProfileWrite> profileSink(JobProperties properties, FeatureJobSettings settings) {
        Properties sink = properties.group(SINK_GROUP);
        String table = properties.require(SINK_GROUP, FeatureJobProperties.TABLE_NAME);
        return new ProfileSink(table, settings.stateTtl(),
                number(properties, SINK_GROUP, FeatureJobProperties.MAX_BATCH_SIZE),
                number(properties, SINK_GROUP, FeatureJobProperties.MAX_INFLIGHT),
                number(properties, SINK_GROUP, FeatureJobProperties.MAX_BUFFERED),
                number(properties, SINK_GROUP, FeatureJobProperties.FLUSH_TIMEOUT_MS),
                awsOptions(sink), properties.require(DEAD_LETTER_GROUP, FeatureJobProperties.STREAM_NAME),
                awsOptions(properties.group(DEAD_LETTER_GROUP)));
    }

    private static int number(JobProperties properties, String group, String key) {
        String value = properties.require(group, key);
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("runtime property " + group + "." + key + " must be an integer, got '" + value + "'", e);
        }
    }

    /**
     * The dead-letter stream (the quarantine stream): group {@code DeadLetterSink}, {@code stream.name} plus any
     * {@code aws.*} option. Entries are encoded as ingest's quarantine records, one per record, keyed by player.
     */
    public static Sink<String> deadLetterSink(JobProperties properties) {
        String stream = properties.require(DEAD_LETTER_GROUP, FeatureJobProperties.STREAM_NAME);
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
