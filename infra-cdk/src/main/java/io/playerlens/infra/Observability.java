package io.playerlens.infra;

import static io.playerlens.contracts.metrics.MetricNames.EVENTS_ACCEPTED;
import static io.playerlens.contracts.metrics.MetricNames.EVENTS_REJECTED;
import static io.playerlens.contracts.metrics.MetricNames.NAMESPACE;
import static io.playerlens.contracts.metrics.MetricNames.OFFERS_FALLBACK;
import static io.playerlens.contracts.metrics.MetricNames.OFFERS_LATENCY_MS;
import static io.playerlens.contracts.metrics.MetricNames.FRESHNESS_FLINK_MS;
import static io.playerlens.contracts.metrics.MetricNames.FRESHNESS_STREAM_MS;
import static io.playerlens.contracts.metrics.MetricNames.PROFILE_FRESHNESS_MS;
import static io.playerlens.contracts.metrics.MetricNames.SERVICE_INGEST;
import static io.playerlens.contracts.metrics.MetricNames.SERVICE_PROFILE_API;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.kinesis.IStream;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * The ops and data-science dashboard and the alarms, on the metric names the code emits (contracts'
 * {@code MetricNames}, EMF via Powertools) and the AWS service metrics.
 */
public final class Observability extends Construct {
    /** The freshness SLO: the p99 of event → profile latency. */
    public static final Duration FRESHNESS_P99_SLO = Duration.millis(150);
    public static final Duration ITERATOR_AGE_ALARM = Duration.seconds(60);

    private final List<Alarm> alarms = new ArrayList<>();

    public Observability(Construct scope, String id, IStream events, String flinkApplication, Map<String, IFunction> functions) {
        super(scope, id);
        Metric freshnessP50 = emf(PROFILE_FRESHNESS_MS, SERVICE_PROFILE_API, "p50");
        Metric freshnessP99 = emf(PROFILE_FRESHNESS_MS, SERVICE_PROFILE_API, "p99");
        Metric accepted = emf(EVENTS_ACCEPTED, SERVICE_INGEST, "Sum");
        Metric rejected = emf(EVENTS_REJECTED, SERVICE_INGEST, "Sum");
        Metric iteratorAge = events.metric("SubscribeToShardEvent.MillisBehindLatest",
                software.amazon.awscdk.services.cloudwatch.MetricOptions.builder().statistic("Maximum").period(Duration.minutes(1)).build());
        Metric checkpointDuration = Metric.Builder.create().namespace("AWS/KinesisAnalytics").metricName("lastCheckpointDuration")
                .dimensionsMap(Map.of("Application", flinkApplication)).statistic("Maximum").period(Duration.minutes(1)).build();

        List<IWidget> row1 = List.of(
                graph("Event → profile freshness (ms): total p50/p99, stream and Flink stages p50", List.of(freshnessP50, freshnessP99,
                        emf(FRESHNESS_STREAM_MS, SERVICE_PROFILE_API, "p50"), emf(FRESHNESS_FLINK_MS, SERVICE_PROFILE_API, "p50"))),
                graph("Events accepted / rejected per minute", List.of(accepted, rejected)),
                graph("Offers latency p50 / p99 per model (ms)", List.of(search(OFFERS_LATENCY_MS, "p50"), search(OFFERS_LATENCY_MS, "p99"))));
        List<IWidget> row2 = new ArrayList<>(List.of(
                graph("Offers fallbacks per model and reason", List.of(search(OFFERS_FALLBACK, "Sum"))),
                graph("Feature job: stream lag (ms) and checkpoint duration (ms)", List.of(iteratorAge, checkpointDuration))));
        List<Metric> errors = new ArrayList<>();
        List<Metric> throttles = new ArrayList<>();
        functions.forEach((name, function) -> {
            errors.add(function.metricErrors());
            throttles.add(function.metricThrottles());
            alarms.add(Alarm.Builder.create(this, name + "ErrorsAlarm").alarmDescription(name + " Lambda errors")
                    .metric(function.metricErrors(software.amazon.awscdk.services.cloudwatch.MetricOptions.builder()
                            .period(Duration.minutes(5)).build()))
                    .threshold(5).evaluationPeriods(1).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                    .treatMissingData(TreatMissingData.NOT_BREACHING).build());
        });
        row2.add(graph("Lambda errors and throttles", concat(errors, throttles)));
        row2.add(graph("Lambda cold starts (Powertools ColdStart)", List.of(MathExpression.Builder.create()
                .expression("SEARCH('{" + NAMESPACE + ",FunctionName,Service} MetricName=\"ColdStart\"', 'Sum', 60)")
                .usingMetrics(Map.of()).label("cold starts").period(Duration.minutes(1)).build())));

        Dashboard.Builder.create(this, "Dashboard").dashboardName("playerlens").widgets(List.of(row1, row2)).build();

        alarms.add(Alarm.Builder.create(this, "FreshnessAlarm")
                .alarmDescription("event → profile freshness p99 over its " + FRESHNESS_P99_SLO.toMilliseconds() + " ms SLO")
                .metric(freshnessP99.with(software.amazon.awscdk.services.cloudwatch.MetricOptions.builder().period(Duration.minutes(5)).build()))
                .threshold(FRESHNESS_P99_SLO.toMilliseconds()).evaluationPeriods(3).datapointsToAlarm(2)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).treatMissingData(TreatMissingData.NOT_BREACHING).build());
        alarms.add(Alarm.Builder.create(this, "StreamLagAlarm")
                .alarmDescription("the feature job is more than " + ITERATOR_AGE_ALARM.toSeconds() + " s behind the events stream")
                .metric(iteratorAge).threshold(ITERATOR_AGE_ALARM.toMilliseconds()).evaluationPeriods(5).datapointsToAlarm(3)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).treatMissingData(TreatMissingData.BREACHING).build());
        MathExpression rejectedRate = MathExpression.Builder.create().expression("100 * rejected / (accepted + rejected)")
                .usingMetrics(Map.of("rejected", fiveMinutes(rejected), "accepted", fiveMinutes(accepted))).period(Duration.minutes(5)).label("rejected %").build();
        alarms.add(Alarm.Builder.create(this, "RejectedRateAlarm").alarmDescription("more than 5 % of events rejected (a broken client release?)")
                .metric(rejectedRate).threshold(5).evaluationPeriods(3).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING).build());
    }

    private static Metric emf(String name, String service, String statistic) {
        return Metric.Builder.create().namespace(NAMESPACE).metricName(name).dimensionsMap(Map.of("Service", service))
                .statistic(statistic).period(Duration.minutes(1)).build();
    }

    private static Metric fiveMinutes(Metric metric) {
        return metric.with(software.amazon.awscdk.services.cloudwatch.MetricOptions.builder().period(Duration.minutes(5)).build());
    }

    private static MathExpression search(String metric, String statistic) {
        return MathExpression.Builder.create()
                .expression("SEARCH('{" + NAMESPACE + ",model} MetricName=\"" + metric + "\"', '" + statistic + "', 60)")
                .usingMetrics(Map.of()).label(metric + " " + statistic).period(Duration.minutes(1)).build();
    }

    private static GraphWidget graph(String title, List<? extends software.amazon.awscdk.services.cloudwatch.IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).left(new ArrayList<>(metrics)).width(8).build();
    }

    private static List<Metric> concat(List<Metric> a, List<Metric> b) {
        List<Metric> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    public List<Alarm> alarms() {
        return alarms;
    }
}
