package io.playerlens.bench.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The monthly AWS cost of what the CDK app deploys, at a chosen scale, from the list prices in
 * {@code playerlens/aws-prices.json}, the figures a benchmark run measured ({@link Measured}) and what cannot be
 * measured here ({@link Assumptions}, printed with every result). Two figures: the <b>event path</b> (ingest →
 * stream → features → profile, and the archive) per million events and the <b>offers path</b> per million offers;
 * plus what costs the same whatever the traffic (dashboards, alarms, custom metrics, the key secret). The naive design
 * (one uncompressed record and one profile write per event, each decision put into the stream) is priced the same way.
 */
public final class CostModel {
    /** What the run measured. */
    public record Measured(double eventsPerSecond, double eventsPerRequest, double compressedBytesPerEvent, double eventsPerRecord,
                           double jsonBytesPerEvent, double writesPerEvent, double offersPerSecond, double ingestLogBytesPerRequest,
                           double offersLogBytesPerRequest, double decisionBytes) {
    }

    /** What a local run cannot measure; defaults are the CDK app's settings or stated estimates. */
    public record Assumptions(long players, int models, int flinkParallelism, double eventsPerKpuSecond, double ingestMillis,
                              int ingestMemoryMb, double offersMillis, int offersMemoryMb, double modelMillis, int modelMemoryMb,
                              double platformLogBytesPerInvocation, double accessLogBytesPerRequest, double logStorageRatio,
                              double decisionsPerFirehoseRecord, int archiveMonths, double profileItemKb, int streamRetentionDays,
                              int customMetrics, int alarms, int dashboards, double modelCallsPerOffer) {
        /**
         * The CDK app's defaults (feature job parallelism 2, ingest 1,024 MB, offers 512 MB, model Lambdas 1,024 MB,
         * streams kept 7 days, one quarantine shard), Lambda durations estimated from the local handler times plus the
         * AWS calls, START/END/REPORT ≈ 330 bytes, an access log line ≈ 330 bytes, log storage at 15 % of ingested bytes
         * (CloudWatch compresses), 20 decisions per Firehose record, a year of archive, 1 KB profiles, one model call per
         * offers request (no shadow variant).
         */
        public static Assumptions defaults(long players, int models) {
            return new Assumptions(players, models, 2, 5000, 20, 1024, 15, 512, 10, 1024, 330, 330, 0.15, 20, 12, 1, 7,
                    10 + 4 * models, 16 + 2 * models, 1 + models, 1);
        }

        /** The same with each offers request also asking {@code shadows} shadow variants (each a model call and a profile read). */
        public Assumptions withShadows(int shadows) {
            return new Assumptions(players, models, flinkParallelism, eventsPerKpuSecond, ingestMillis, ingestMemoryMb, offersMillis,
                    offersMemoryMb, modelMillis, modelMemoryMb, platformLogBytesPerInvocation, accessLogBytesPerRequest, logStorageRatio,
                    decisionsPerFirehoseRecord, archiveMonths, profileItemKb, streamRetentionDays, customMetrics, alarms, dashboards, 1 + shadows);
        }
    }

    /** One path's monthly dollars per component, their total and the cost per million of its unit (events or offers). */
    public record Path(Map<String, Double> monthly, double monthlyTotal, double perMillion) {
    }

    /** The whole month. */
    public record Cost(Path events, Path offers, Map<String, Double> fixed, double monthlyTotal, Assumptions assumptions) {
    }

    private static final double GB = 1e9;
    private final JsonNode prices;

    public CostModel(JsonNode prices) {
        this.prices = prices;
    }

    public static CostModel withListPrices() {
        try (InputStream in = CostModel.class.getClassLoader().getResourceAsStream("playerlens/aws-prices.json")) {
            return new CostModel(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The month of the list prices ({@code as_of} in aws-prices.json). */
    public String pricesAsOf() {
        return prices.path("as_of").asText("unknown");
    }

    private double p(String name) {
        JsonNode value = prices.get(name);
        if (value == null || !value.isNumber()) {
            throw new IllegalStateException("aws-prices.json has no number " + name);
        }
        return value.asDouble();
    }

    /** @param naive false for playerlens as built; true for one uncompressed record and one profile write per event */
    public Cost monthly(Measured m, Assumptions a, boolean naive) {
        Path events = eventPath(m, a, naive);
        Path offers = offersPath(m, a, naive);
        Map<String, Double> fixed = new LinkedHashMap<>();
        fixed.put("dashboards", a.dashboards() * p("cloudwatch_per_dashboard_month"));
        fixed.put("alarms", a.alarms() * p("cloudwatch_per_alarm_month"));
        fixed.put("custom_metrics", a.customMetrics() * p("cloudwatch_per_custom_metric_month"));
        fixed.put("api_keys_secret", p("secrets_manager_per_secret_month"));
        double total = events.monthlyTotal() + offers.monthlyTotal() + fixed.values().stream().mapToDouble(Double::doubleValue).sum();
        return new Cost(events, offers, fixed, total, a);
    }

    private Path eventPath(Measured m, Assumptions a, boolean naive) {
        double hours = p("hours_per_month");
        double events = m.eventsPerSecond() * 3600 * hours;
        double requests = events / m.eventsPerRequest();
        double records = naive ? events : events / m.eventsPerRecord();
        double recordBytes = naive ? m.jsonBytesPerEvent() : m.eventsPerRecord() * m.compressedBytesPerEvent();
        double streamGb = records * recordBytes / GB;
        Map<String, Double> c = new LinkedHashMap<>();

        c.put("api_gateway", requests / 1e6 * p("api_gateway_http_per_million_requests"));
        c.put("ingest_lambda", lambda(requests, a.ingestMillis(), a.ingestMemoryMb()));
        c.put("ingest_logs", logs(requests, m.ingestLogBytesPerRequest() + a.platformLogBytesPerInvocation() + a.accessLogBytesPerRequest(), a));
        double roundingKb = p("kinesis_on_demand_record_rounding_kb");
        double billedGb = records * Math.ceil(recordBytes / 1024.0 / roundingKb) * roundingKb * 1024 / GB;
        c.put("kinesis_events", p("kinesis_on_demand_per_stream_hour") * hours + billedGb * p("kinesis_on_demand_per_gb_ingested")
                // the feature job reads with enhanced fan-out, the archive's Firehose with shared throughput
                + streamGb * (p("kinesis_on_demand_efo_per_gb_retrieved") + p("kinesis_on_demand_per_gb_retrieved"))
                + streamGb * Math.max(0, a.streamRetentionDays() - 1) / 30.0 * p("kinesis_on_demand_extended_retention_per_gb_month"));
        c.put("kinesis_quarantine", hours * (p("kinesis_provisioned_per_shard_hour")
                + (a.streamRetentionDays() > 1 ? p("kinesis_provisioned_extended_retention_per_shard_hour") : 0)));
        double kpus = Math.max(a.flinkParallelism(), Math.ceil(m.eventsPerSecond() / a.eventsPerKpuSecond()));
        c.put("managed_flink", (kpus + p("managed_flink_orchestration_kpus")) * hours * p("managed_flink_per_kpu_hour")
                + kpus * p("managed_flink_storage_gb_per_kpu") * p("managed_flink_per_storage_gb_month"));
        double writeUnits = Math.ceil(a.profileItemKb());
        c.put("dynamodb_writes", events * (naive ? 1 : m.writesPerEvent()) * writeUnits / 1e6 * p("dynamodb_on_demand_per_million_write_units"));
        double profileGb = a.players() * a.profileItemKb() * 1024 / GB;
        c.put("dynamodb_storage_and_pitr", profileGb * (p("dynamodb_per_gb_month") + p("dynamodb_pitr_per_gb_month")));
        double firehoseKb = Math.ceil(recordBytes / 1024.0 / p("firehose_record_rounding_kb")) * p("firehose_record_rounding_kb");
        c.put("firehose_archive", records * firehoseKb * 1024 / GB * p("firehose_per_gb_ingested"));
        c.put("s3_archive", archive(streamGb, a) + 2 * 60 * 24 * 30.4 / 1000 * p("s3_put_per_thousand"));
        return path(c, events);
    }

    private Path offersPath(Measured m, Assumptions a, boolean naive) {
        double hours = p("hours_per_month");
        double offers = m.offersPerSecond() * 3600 * hours;
        Map<String, Double> c = new LinkedHashMap<>();
        c.put("api_gateway", offers / 1e6 * p("api_gateway_http_per_million_requests"));
        c.put("offers_lambda", lambda(offers, a.offersMillis(), a.offersMemoryMb()));
        c.put("model_lambdas", lambda(offers * a.modelCallsPerOffer(), a.modelMillis(), a.modelMemoryMb()));
        // Each model called reads the profile: an eventually consistent GetItem of a profile under 4 KB is half a read unit.
        c.put("dynamodb_reads", offers * a.modelCallsPerOffer() * 0.5 / 1e6 * p("dynamodb_on_demand_per_million_read_units"));
        double decisionLogBytes = naive ? 0 : m.decisionBytes();
        c.put("offers_logs", logs(offers, m.offersLogBytesPerRequest() - (naive ? m.decisionBytes() : 0)
                + 2 * a.platformLogBytesPerInvocation() + a.accessLogBytesPerRequest(), a));
        // One decision line per model asked: the served one and each shadow's (shadows are logged, never served).
        double decisions = offers * a.modelCallsPerOffer();
        double decisionGb = decisions * m.decisionBytes() / GB;
        if (naive) {
            // Each decision put into the events stream: a 1 KB-rounded record, read twice, archived by the stream's Firehose.
            double kb = Math.ceil(m.decisionBytes() / 1024.0);
            c.put("decisions_stream", decisions * kb * 1024 / GB * p("kinesis_on_demand_per_gb_ingested")
                    + decisionGb * (p("kinesis_on_demand_efo_per_gb_retrieved") + p("kinesis_on_demand_per_gb_retrieved")));
            c.put("decisions_firehose", decisions * p("firehose_record_rounding_kb") * 1024 / GB * p("firehose_per_gb_ingested"));
        } else {
            double perRecord = a.decisionsPerFirehoseRecord() * decisionLogBytes;
            double recordKb = Math.ceil(perRecord / 1024.0 / p("firehose_record_rounding_kb")) * p("firehose_record_rounding_kb");
            c.put("decisions_firehose", decisions / a.decisionsPerFirehoseRecord() * recordKb * 1024 / GB * p("firehose_per_gb_ingested"));
        }
        c.put("s3_decisions", archive(decisionGb * 0.15, a)); // gzip keeps about 15 % of decision JSON
        return path(c, offers);
    }

    private double lambda(double invocations, double millis, int memoryMb) {
        return invocations / 1e6 * p("lambda_per_million_requests") + invocations * millis / 1000 * memoryMb / 1024.0 * p("lambda_arm_per_gb_second");
    }

    /** Ingestion of every byte, and a month of storage of what CloudWatch keeps after compression (retention: one month). */
    private double logs(double invocations, double bytesPerInvocation, Assumptions a) {
        double gb = invocations * bytesPerInvocation / GB;
        return gb * p("cloudwatch_logs_per_gb_ingested") + gb * a.logStorageRatio() * p("cloudwatch_logs_per_gb_month_stored");
    }

    /**
     * The archive after {@code archiveMonths} of the same traffic: the lifecycle keeps a month in Standard, two in
     * Standard-IA (30 to 90 days), the rest in Glacier Instant Retrieval.
     */
    private double archive(double gbPerMonth, Assumptions a) {
        int months = a.archiveMonths();
        double standard = Math.min(1, months);
        double ia = Math.min(2, Math.max(0, months - 1));
        double glacier = Math.max(0, months - 3);
        return gbPerMonth * (standard * p("s3_standard_per_gb_month") + ia * p("s3_standard_ia_per_gb_month")
                + glacier * p("s3_glacier_instant_per_gb_month"));
    }

    private static Path path(Map<String, Double> components, double units) {
        double total = components.values().stream().mapToDouble(Double::doubleValue).sum();
        return new Path(components, total, units == 0 ? 0 : total / (units / 1e6));
    }
}
