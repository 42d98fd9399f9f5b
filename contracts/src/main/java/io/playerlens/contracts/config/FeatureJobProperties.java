package io.playerlens.contracts.config;

/**
 * The feature job's runtime property groups (Managed Flink application properties; the dev file locally). The job
 * reads them and the CDK app writes them, from these names.
 */
public final class FeatureJobProperties {
    /** Kinesis source: {@code stream.name} plus flink-connector-kinesis options. */
    public static final String SOURCE_GROUP = "EventsSource";
    /** DynamoDB sink: {@code table.name} plus buffering and AWS options. */
    public static final String SINK_GROUP = "ProfileSink";
    /** Dead letters (records, events and profile writes the job refuses): {@code stream.name} (the quarantine stream) plus AWS options. */
    public static final String DEAD_LETTER_GROUP = "DeadLetterSink";
    /** Time, state and write policy of the job. */
    public static final String JOB_GROUP = "FeatureJob";

    private FeatureJobProperties() {
    }
}
