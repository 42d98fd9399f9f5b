package io.playerlens.contracts.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The feature job's runtime properties, defined once: the property groups, their keys and defaults, and the one
 * typed value that the CDK app (Managed Flink application properties), the local runner and the job itself build
 * and read. JSON form: Managed Flink's {@code [{"PropertyGroupId": "...", "PropertyMap": {...}}]}.
 *
 * <p>Connector groups also pass through any {@code aws.*} option (and the source any {@code flink.*} option of
 * flink-connector-kinesis) set with {@link #with}.
 */
public final class FeatureJobProperties {
    /** Kinesis source: {@link #STREAM_NAME} plus flink-connector-kinesis options. */
    public static final String SOURCE_GROUP = "EventsSource";
    /** DynamoDB sink: {@link #TABLE_NAME} plus buffering and AWS options. */
    public static final String SINK_GROUP = "ProfileSink";
    /** Dead letters (records, events and profile writes the job refuses): {@link #STREAM_NAME} (the quarantine stream) plus AWS options. */
    public static final String DEAD_LETTER_GROUP = "DeadLetterSink";
    /** Time, state and write policy of the job. */
    public static final String JOB_GROUP = "FeatureJob";

    public static final String STREAM_NAME = "stream.name";
    public static final String TABLE_NAME = "table.name";
    public static final String AWS_REGION = "aws.region";
    public static final String AWS_ENDPOINT = "aws.endpoint";

    public static final String INITIAL_POSITION = "flink.stream.initpos";
    public static final String RECORD_PUBLISHER = "flink.stream.recordpublisher";
    public static final String EFO_CONSUMER_NAME = "flink.stream.efo.consumername";
    public static final String POLL_INTERVAL_MS = "flink.shard.getrecords.intervalmillis";
    public static final String SHARD_DISCOVERY_MS = "flink.shard.discovery.intervalmillis";

    /** The sink's buffer timeout: a few ms still batch a busy subtask's writes (the connector's 5 s would be latency). */
    public static final String FLUSH_TIMEOUT_MS = "flush.timeout.ms";
    public static final String MAX_BATCH_SIZE = "max.batch.size";
    /** One request in flight per subtask keeps one player's writes in order. */
    public static final String MAX_INFLIGHT = "max.inflight";
    public static final String MAX_BUFFERED = "max.buffered";

    public static final String OUT_OF_ORDERNESS_MS = "watermark.max-out-of-orderness.ms";
    public static final String IDLENESS_MS = "watermark.idleness.ms";
    public static final String DEDUPE_TTL_HOURS = "dedupe.ttl.hours";
    /** How the dedupe window is stored: {@code map} (RocksDB, deployed) or {@code compact} (the heap backend, locally). */
    public static final String DEDUPE_LAYOUT = "dedupe.layout";
    public static final String ERASURE_MEMORY_DAYS = "erasure.memory.days";
    public static final String STATE_TTL_DAYS = "state.ttl.days";
    public static final String MINIBATCH_MS = "minibatch.latency.ms";
    public static final String CHECKPOINT_INTERVAL_MS = "checkpoint.interval.ms";
    public static final String CHECKPOINT_DIR = "checkpoint.dir";
    public static final String WRITE_COALESCE_MS = "profile.write-coalesce.ms";

    /** Every tunable's default, by group: what the job uses when a key is absent, and what {@link #of} writes out. */
    public static final Map<String, Map<String, String>> DEFAULTS = defaults();

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, Map<String, String>> groups;

    private FeatureJobProperties(Map<String, Map<String, String>> groups) {
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        groups.forEach((id, map) -> copy.put(id, Collections.unmodifiableMap(new LinkedHashMap<>(map))));
        this.groups = Collections.unmodifiableMap(copy);
    }

    private static Map<String, Map<String, String>> defaults() {
        Map<String, Map<String, String>> d = new LinkedHashMap<>();
        Map<String, String> source = new LinkedHashMap<>();
        source.put(INITIAL_POSITION, "TRIM_HORIZON");
        source.put(RECORD_PUBLISHER, "POLLING");
        d.put(SOURCE_GROUP, source);
        Map<String, String> sink = new LinkedHashMap<>();
        sink.put(FLUSH_TIMEOUT_MS, "5");
        sink.put(MAX_BATCH_SIZE, "25");
        sink.put(MAX_INFLIGHT, "1");
        sink.put(MAX_BUFFERED, "10000");
        d.put(SINK_GROUP, sink);
        d.put(DEAD_LETTER_GROUP, new LinkedHashMap<>());
        Map<String, String> job = new LinkedHashMap<>();
        job.put(OUT_OF_ORDERNESS_MS, "5000");
        job.put(IDLENESS_MS, "1000");
        job.put(DEDUPE_TTL_HOURS, "24"); // sized from measured state: docs/features.md, state size
        job.put(DEDUPE_LAYOUT, "map"); // Managed Flink's RocksDB; the local runner's heap backend sets "compact"
        job.put(ERASURE_MEMORY_DAYS, Long.toString(io.playerlens.contracts.event.ErasureRule.MEMORY.toDays()));
        job.put(STATE_TTL_DAYS, "400");
        job.put(MINIBATCH_MS, "0");
        job.put(CHECKPOINT_INTERVAL_MS, "10000");
        job.put(WRITE_COALESCE_MS, "10");
        d.put(JOB_GROUP, job);
        Map<String, Map<String, String>> frozen = new LinkedHashMap<>();
        d.forEach((id, map) -> frozen.put(id, Collections.unmodifiableMap(map)));
        return Collections.unmodifiableMap(frozen);
    }

    /** The job reading {@code eventsStream}, writing {@code profilesTable} and its dead letters to {@code quarantineStream}, with every default. */
    public static FeatureJobProperties of(String eventsStream, String quarantineStream, String profilesTable) {
        Map<String, Map<String, String>> groups = new LinkedHashMap<>();
        DEFAULTS.forEach((id, map) -> groups.put(id, new LinkedHashMap<>(map)));
        groups.get(SOURCE_GROUP).put(STREAM_NAME, eventsStream);
        groups.get(SINK_GROUP).put(TABLE_NAME, profilesTable);
        groups.get(DEAD_LETTER_GROUP).put(STREAM_NAME, quarantineStream);
        return new FeatureJobProperties(groups);
    }

    /** Empty groups (a file that sets nothing); {@link #get} then answers the defaults. */
    public static FeatureJobProperties empty() {
        return new FeatureJobProperties(Map.of());
    }

    /** A copy with one property set. */
    public FeatureJobProperties with(String group, String key, String value) {
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        groups.forEach((id, map) -> copy.put(id, new LinkedHashMap<>(map)));
        copy.computeIfAbsent(group, g -> new LinkedHashMap<>()).put(key, value);
        return new FeatureJobProperties(copy);
    }

    /** A copy with the same options set in each of the given groups (e.g. {@code aws.region} in every connector group). */
    public FeatureJobProperties with(Map<String, String> options, String... groupIds) {
        FeatureJobProperties result = this;
        for (String group : groupIds) {
            for (Map.Entry<String, String> option : options.entrySet()) {
                result = result.with(group, option.getKey(), option.getValue());
            }
        }
        return result;
    }

    /** Reads the stream with an enhanced fan-out consumer of this name (on AWS; polling allows 5 reads/s per shard). */
    public FeatureJobProperties withEnhancedFanOut(String consumerName) {
        return with(SOURCE_GROUP, RECORD_PUBLISHER, "EFO").with(SOURCE_GROUP, EFO_CONSUMER_NAME, consumerName);
    }

    /**
     * Against local emulators (the local runner and the integration tests): their endpoints, static credentials,
     * HTTP/1.1 (the emulators speak no HTTP/2), and the source polling every 10 ms with shard discovery every second.
     */
    public FeatureJobProperties againstEmulators(String region, String kinesisEndpoint, String dynamoDbEndpoint) {
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put(AWS_REGION, region);
        credentials.put("aws.credentials.provider", "BASIC");
        credentials.put("aws.credentials.provider.basic.accesskeyid", "local");
        credentials.put("aws.credentials.provider.basic.secretkey", "local");
        return with(credentials, SOURCE_GROUP, SINK_GROUP, DEAD_LETTER_GROUP)
                .with(Map.of("aws.http.protocol.version", "HTTP1_1"), SINK_GROUP, DEAD_LETTER_GROUP)
                .with(SOURCE_GROUP, AWS_ENDPOINT, kinesisEndpoint)
                .with(DEAD_LETTER_GROUP, AWS_ENDPOINT, kinesisEndpoint)
                .with(SINK_GROUP, AWS_ENDPOINT, dynamoDbEndpoint)
                .with(SOURCE_GROUP, POLL_INTERVAL_MS, "10")
                .with(SOURCE_GROUP, SHARD_DISCOVERY_MS, "1000");
    }

    /** Group id → its properties, in order. */
    public Map<String, Map<String, String>> groups() {
        return groups;
    }

    /** A property, else its default, else null. */
    public String get(String group, String key) {
        Map<String, String> set = groups.get(group);
        if (set != null && set.containsKey(key)) {
            return set.get(key);
        }
        Map<String, String> defaults = DEFAULTS.get(group);
        return defaults == null ? null : defaults.get(key);
    }

    /** Managed Flink's runtime-properties JSON. */
    public String toJson() {
        ArrayNode array = MAPPER.createArrayNode();
        groups.forEach((id, map) -> {
            ObjectNode group = array.addObject();
            group.put("PropertyGroupId", id);
            ObjectNode properties = group.putObject("PropertyMap");
            map.forEach(properties::put);
        });
        return array.toString();
    }

    /** @throws IllegalArgumentException when the JSON is not Managed Flink's runtime-properties shape */
    public static FeatureJobProperties parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("runtime properties are not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("runtime properties must be a list of {\"PropertyGroupId\", \"PropertyMap\"}");
        }
        Map<String, Map<String, String>> groups = new LinkedHashMap<>();
        for (JsonNode group : root) {
            Map<String, String> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = group.path("PropertyMap").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                map.put(f.getKey(), f.getValue().asText());
            }
            groups.put(group.path("PropertyGroupId").asText(), map);
        }
        return new FeatureJobProperties(groups);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureJobProperties && ((FeatureJobProperties) o).groups.equals(groups);
    }

    @Override
    public int hashCode() {
        return groups.hashCode();
    }

    @Override
    public String toString() {
        return "FeatureJobProperties" + groups;
    }
}
