package io.playerlens.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kinesis.Stream;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.eventsources.SnsEventSource;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * Aggressive scale-out of a provisioned events stream (the on-demand default scales by itself): when writes are
 * throttled in 2 of 3 minutes, a small function doubles the shard count (UNIFORM_SCALING) up to a ceiling. Scale-in
 * is left to an operator (UpdateShardCount), because shrinking under a live game is the riskier move.
 */
public final class StreamScaler extends Construct {
    /** The function, inline: one UpdateShardCount call, bounded by MAX_SHARDS. */
    static final String HANDLER = String.join("\n",
            "const { KinesisClient, DescribeStreamSummaryCommand, UpdateShardCountCommand } = require('@aws-sdk/client-kinesis');",
            "const kinesis = new KinesisClient({});",
            "exports.handler = async () => {",
            "  const stream = process.env.STREAM_NAME, max = parseInt(process.env.MAX_SHARDS, 10);",
            "  const summary = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: stream }));",
            "  const open = summary.StreamDescriptionSummary.OpenShardCount;",
            "  if (summary.StreamDescriptionSummary.StreamStatus !== 'ACTIVE' || open >= max) { console.log(JSON.stringify({ stream, open, max, action: 'none' })); return; }",
            "  const target = Math.min(max, open * 2);",
            "  await kinesis.send(new UpdateShardCountCommand({ StreamName: stream, TargetShardCount: target, ScalingType: 'UNIFORM_SCALING' }));",
            "  console.log(JSON.stringify({ stream, from: open, to: target, action: 'scale-out' }));",
            "};");

    public StreamScaler(Construct scope, String id, Stream stream, int maxShards) {
        super(scope, id);
        Topic topic = Topic.Builder.create(this, "ScaleOutTopic").build();
        Function scaler = Function.Builder.create(this, "ScaleOutFunction")
                .runtime(Runtime.NODEJS_20_X)
                .handler("index.handler")
                .code(Code.fromInline(HANDLER))
                .timeout(Duration.seconds(30))
                .environment(Map.of("STREAM_NAME", stream.getStreamName(), "MAX_SHARDS", Integer.toString(maxShards)))
                .build();
        scaler.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("kinesis:DescribeStreamSummary", "kinesis:UpdateShardCount")).resources(List.of(stream.getStreamArn())).build());
        scaler.addEventSource(new SnsEventSource(topic));
        Alarm throttled = Alarm.Builder.create(this, "WriteThrottledAlarm")
                .alarmDescription("writes to " + stream.getStreamName() + " are throttled: scale out")
                .metric(stream.metricPutRecordsThrottledRecords(MetricOptions.builder().statistic("Sum").period(Duration.minutes(1)).build()))
                .threshold(0).evaluationPeriods(3).datapointsToAlarm(2)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).treatMissingData(TreatMissingData.NOT_BREACHING).build();
        throttled.addAlarmAction(new SnsAction(topic));
    }
}
