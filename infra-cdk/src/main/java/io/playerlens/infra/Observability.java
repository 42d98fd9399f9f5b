package io.playerlens.infra;

import static io.playerlens.contracts.metrics.MetricNames.DEAD_LETTERS;
import static io.playerlens.contracts.metrics.MetricNames.DIMENSION_APPLICATION;
import static io.playerlens.contracts.metrics.MetricNames.DIMENSION_MODEL;
import static io.playerlens.contracts.metrics.MetricNames.DIMENSION_REASON;
import static io.playerlens.contracts.metrics.MetricNames.DIMENSION_SERVICE;
import static io.playerlens.contracts.metrics.MetricNames.EVENTS_ACCEPTED;
import static io.playerlens.contracts.metrics.MetricNames.EVENTS_REJECTED;
import static io.playerlens.contracts.metrics.MetricNames.FLINK_NAMESPACE;
import static io.playerlens.contracts.metrics.MetricNames.FRESHNESS_FLINK_MS;
import static io.playerlens.contracts.metrics.MetricNames.FRESHNESS_STREAM_MS;
import static io.playerlens.contracts.metrics.MetricNames.NAMESPACE;
import static io.playerlens.contracts.metrics.MetricNames.OFFERS_FALLBACK;
import static io.playerlens.contracts.metrics.MetricNames.OFFERS_LATENCY_MS;
import static io.playerlens.contracts.metrics.MetricNames.PROFILE_FRESHNESS_MS;
import static io.playerlens.contracts.metrics.MetricNames.PROFILE_ITEM_PROBLEMS;
import static io.playerlens.contracts.metrics.MetricNames.PROFILE_WRITE_FRESHNESS_P99;
import static io.playerlens.contracts.metrics.MetricNames.SERVICE_INGEST;
import static io.playerlens.contracts.metrics.MetricNames.SERVICE_OFFERS_API;
import static io.playerlens.contracts.metrics.MetricNames.SERVICE_PROFILE_API;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.LogQueryWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.kinesis.IStream;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * The ops dashboard and the alarms, on the metrics the code really emits: the Lambdas' EMF (contracts' {@code
 * MetricNames}, the dimensions Powertools writes — {@code AlarmMetricsMatchEmittedIT} runs the handlers and compares),
 * the feature job's own metrics (Managed Flink, {@code Application} dimension) and the AWS services' metrics. Every
 * alarm notifies one SNS topic (an e-mail subscription from the {@code playerlens:alarmEmail} context value).
 */
public final class Observability extends Construct {
    /** The freshness SLO: the p99 of event → profile latency, as the writer measures it. */
    public static final Duration FRESHNESS_P99_SLO = Duration.millis(150);
    public static final Duration STREAM_LAG_ALARM = Duration.seconds(60);

    private final Topic topic;
    private final List<Alarm> alarms = new ArrayList<>();

    /**
     * @param alarmEmail where alarms are e-mailed; null for none (subscribe to the topic another way)
     * @param flinkApplication the feature job's application name (its metrics' {@code Application} dimension and its
     *     enhanced fan-out consumer's name)
     */
    public Observability(Construct scope, String id, String alarmEmail, IStream events, String flinkApplication,
                         Map<String, Function> functions) {
        super(scope, id);
        topic = Topic.Builder.create(this, "Alarms").displayName("playerlens alarms").enforceSsl(true).build();
        if (alarmEmail != null && !alarmEmail.isBlank()) {
            topic.addSubscription(new EmailSubscription(alarmEmail));
        }

        Metric freshnessWriter = flink(PROFILE_WRITE_FRESHNESS_P99, flinkApplication, "Maximum");
        Metric streamLag = events.metric("SubscribeToShardEvent.MillisBehindLatest", MetricOptions.builder().statistic("Maximum")
                .period(Duration.minutes(1)).dimensionsMap(Map.of("StreamName", events.getStreamName(), "ConsumerName", flinkApplication))
                .build());
        Metric deadLetters = flink(DEAD_LETTERS, flinkApplication, "Sum");
        Metric accepted = emf(EVENTS_ACCEPTED, SERVICE_INGEST, "Sum");
        Metric rejected = emf(EVENTS_REJECTED, SERVICE_INGEST, "Sum");

        alarm("FreshnessAlarm", "event → profile freshness p99, measured by the feature job's writer, over its "
                + FRESHNESS_P99_SLO.toMilliseconds() + " ms SLO", freshnessWriter.with(fiveMinutes()), FRESHNESS_P99_SLO.toMilliseconds().doubleValue(), 3, 2,
                TreatMissingData.NOT_BREACHING);
        alarm("StreamLagAlarm", "the feature job's consumer is more than " + STREAM_LAG_ALARM.toSeconds() + " s behind the events stream",
                streamLag, STREAM_LAG_ALARM.toMilliseconds().doubleValue(), 5, 3, TreatMissingData.NOT_BREACHING);
        alarm("FeatureJobDowntimeAlarm", "the feature job is not running (downtime)", flink("downtime", flinkApplication, "Maximum"),
                0, 3, 3, TreatMissingData.BREACHING);
        alarm("FeatureJobRestartsAlarm", "the feature job restarted", increase(flink("fullRestarts", flinkApplication, "Maximum"), "restarts"),
                0, 1, 1, TreatMissingData.NOT_BREACHING);
        alarm("FeatureJobCheckpointFailuresAlarm", "a feature job checkpoint failed",
                increase(flink("numberOfFailedCheckpoints", flinkApplication, "Maximum"), "failed checkpoints"), 0, 1, 1,
                TreatMissingData.NOT_BREACHING);
        alarm("DeadLettersAlarm", "the feature job refused records, events or profile writes (see the quarantine stream)",
                deadLetters.with(fiveMinutes()), 0, 1, 1, TreatMissingData.NOT_BREACHING);
        alarm("RejectedRateAlarm", "more than 5 % of events rejected (a broken client release?)",
                MathExpression.Builder.create().expression("100 * rejected / (accepted + rejected)")
                        .usingMetrics(Map.of("rejected", rejected.with(fiveMinutes()), "accepted", accepted.with(fiveMinutes())))
                        .period(Duration.minutes(5)).label("rejected %").build(), 5, 3, 3, TreatMissingData.NOT_BREACHING);
        alarm("ProfileItemProblemsAlarm", "profiles hold values the profile API cannot read",
                emf(PROFILE_ITEM_PROBLEMS, SERVICE_PROFILE_API, "Sum").with(fiveMinutes()), 0, 1, 1, TreatMissingData.NOT_BREACHING);
        functions.forEach((name, function) -> alarm(name + "ErrorsAlarm", name + " Lambda errors",
                function.metricErrors(fiveMinutes()), 5, 1, 1, TreatMissingData.NOT_BREACHING));

        dashboard(events, flinkApplication, freshnessWriter, streamLag, deadLetters, accepted, rejected, functions);
    }

    /**
     * The offers decisions' way to the archive (log lines → subscription filter → Firehose): alarms when CloudWatch Logs
     * cannot hand lines to the Firehose, or when the oldest decision in the Firehose is older than 15 minutes (the
     * lines are still in the offers log group, which keeps them a month).
     */
    void alarmOnDecisionArchive(String deliveryStreamName, String logGroupName, String filterName) {
        alarm("DecisionsForwardingErrorsAlarm", "CloudWatch Logs could not forward offers decisions to their Firehose",
                Metric.Builder.create().namespace("AWS/Logs").metricName("DeliveryErrors").statistic("Sum").period(Duration.minutes(5))
                        .dimensionsMap(Map.of("LogGroupName", logGroupName, "DestinationType", "Firehose", "FilterName", filterName)).build(),
                0, 1, 1, TreatMissingData.NOT_BREACHING);
        alarm("DecisionsArchiveFreshnessAlarm", "offers decisions wait more than 15 minutes to reach the archive",
                Metric.Builder.create().namespace("AWS/Firehose").metricName("DeliveryToS3.DataFreshness").statistic("Maximum")
                        .period(Duration.minutes(5)).dimensionsMap(Map.of("DeliveryStreamName", deliveryStreamName)).build(),
                900, 3, 3, TreatMissingData.NOT_BREACHING);
    }

    /** The HTTP API's own alarm: a 5xx is a bug (every refusal is a 4xx, every model failure a fallback). */
    void alarmOnApi(HttpApi api) {
        alarm("Api5xxAlarm", "the HTTP API answered 5xx", api.metricServerError(fiveMinutes()), 0, 1, 1, TreatMissingData.NOT_BREACHING);
    }

    private void dashboard(IStream events, String flinkApplication, Metric freshnessWriter, Metric streamLag, Metric deadLetters,
                           Metric accepted, Metric rejected, Map<String, Function> functions) {
        List<IWidget> row1 = List.of(
                graph("Event → profile freshness (ms): writer p99; profile reads p50/p99; stream and Flink stages p50", List.of(
                        freshnessWriter, emf(PROFILE_FRESHNESS_MS, SERVICE_PROFILE_API, "p50"), emf(PROFILE_FRESHNESS_MS, SERVICE_PROFILE_API, "p99"),
                        emf(FRESHNESS_STREAM_MS, SERVICE_PROFILE_API, "p50"), emf(FRESHNESS_FLINK_MS, SERVICE_PROFILE_API, "p50"))),
                graph("Events accepted / rejected per minute", List.of(accepted, rejected)),
                graph("Offers latency p50 / p99 per model (ms)", List.of(search(OFFERS_LATENCY_MS, "p50", DIMENSION_SERVICE, DIMENSION_MODEL),
                        search(OFFERS_LATENCY_MS, "p99", DIMENSION_SERVICE, DIMENSION_MODEL))));
        List<IWidget> row2 = new ArrayList<>(List.of(
                graph("Offers fallbacks per model and reason", List.of(search(OFFERS_FALLBACK, "Sum", DIMENSION_SERVICE, DIMENSION_MODEL,
                        DIMENSION_REASON))),
                graph("Feature job: stream lag (ms), last checkpoint (ms), dead letters", List.of(streamLag,
                        flink("lastCheckpointDuration", flinkApplication, "Maximum"), deadLetters))));
        List<IMetric> errors = new ArrayList<>();
        functions.values().forEach(f -> {
            errors.add(f.metricErrors());
            errors.add(f.metricThrottles());
        });
        row2.add(graph("Lambda errors and throttles", errors));
        // Powertools' ColdStart metric is not emitted under SnapStart: count the restores Lambda itself reports.
        row2.add(LogQueryWidget.Builder.create().title("SnapStart restores per minute")
                .logGroupNames(functions.values().stream().map(f -> f.getLogGroup().getLogGroupName()).collect(Collectors.toList()))
                .queryLines(List.of("filter @type = \"REPORT\" and @message like /Restore Duration/", "stats count() as restores by bin(1m)"))
                .width(8).build());
        Dashboard.Builder.create(this, "Dashboard").dashboardName("playerlens").widgets(List.of(row1, row2)).build();
    }

    private void alarm(String id, String description, IMetric metric, double threshold, int periods, int datapoints, TreatMissingData missing) {
        Alarm alarm = Alarm.Builder.create(this, id).alarmDescription(description).metric(metric).threshold(threshold)
                .evaluationPeriods(periods).datapointsToAlarm(datapoints).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .treatMissingData(missing).build();
        alarm.addAlarmAction(new SnsAction(topic));
        alarm.addOkAction(new SnsAction(topic));
        alarms.add(alarm);
    }

    /** A Lambda's EMF metric: namespace {@code playerlens}, dimension {@code Service}. */
    static Metric emf(String name, String service, String statistic) {
        return Metric.Builder.create().namespace(NAMESPACE).metricName(name).dimensionsMap(Map.of(DIMENSION_SERVICE, service))
                .statistic(statistic).period(Duration.minutes(1)).build();
    }

    /** An offers metric of one model, as the offers Lambda emits it. */
    static Metric offers(String name, String model, String statistic) {
        return Metric.Builder.create().namespace(NAMESPACE).metricName(name)
                .dimensionsMap(Map.of(DIMENSION_SERVICE, SERVICE_OFFERS_API, DIMENSION_MODEL, model))
                .statistic(statistic).period(Duration.minutes(1)).build();
    }

    private static Metric flink(String name, String application, String statistic) {
        return Metric.Builder.create().namespace(FLINK_NAMESPACE).metricName(name).dimensionsMap(Map.of(DIMENSION_APPLICATION, application))
                .statistic(statistic).period(Duration.minutes(1)).build();
    }

    /** How much a cumulative counter (restarts, failed checkpoints) grew in each period. */
    private static MathExpression increase(Metric counter, String label) {
        return MathExpression.Builder.create().expression("DIFF(m)").usingMetrics(Map.of("m", counter.with(fiveMinutes())))
                .period(Duration.minutes(5)).label(label).build();
    }

    private static MathExpression search(String metric, String statistic, String... dimensions) {
        return MathExpression.Builder.create()
                .expression("SEARCH('{" + NAMESPACE + "," + String.join(",", dimensions) + "} MetricName=\"" + metric + "\"', '"
                        + statistic + "', 60)")
                .usingMetrics(Map.of()).label(metric + " " + statistic).period(Duration.minutes(1)).build();
    }

    private static MetricOptions fiveMinutes() {
        return MetricOptions.builder().period(Duration.minutes(5)).build();
    }

    private static GraphWidget graph(String title, List<? extends IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).left(new ArrayList<>(metrics)).width(8).build();
    }

    public List<Alarm> alarms() {
        return alarms;
    }

    public Topic topic() {
        return topic;
    }
}
