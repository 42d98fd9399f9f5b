package io.playerlens.bench.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A monthly AWS cost model of the platform at a chosen scale, from the list prices in
 * {@code playerlens/aws-prices.json}. Two shapes of the same traffic can be compared: playerlens (client batches
 * packed into compressed records, about one profile write per batch) and naive (one uncompressed record and one
 * profile write per event).
 */
public final class CostModel {
    /** The traffic to price. */
    public record Scale(double eventsPerSecond, int batchSize, double compressedBytesPerEvent, double jsonBytesPerEvent,
                        double offersRequestsPerSecond, double eventsPerKpuSecond, long players, int models) {
        /** Traffic only: no stored profiles, no model stacks. */
        public Scale(double eventsPerSecond, int batchSize, double compressedBytesPerEvent, double jsonBytesPerEvent,
                     double offersRequestsPerSecond, double eventsPerKpuSecond) {
            this(eventsPerSecond, batchSize, compressedBytesPerEvent, jsonBytesPerEvent, offersRequestsPerSecond, eventsPerKpuSecond, 0, 0);
        }
    }

    /** Monthly dollars per component, their total and the cost of a million events. */
    public record Cost(Map<String, Double> monthlyByComponent, double monthlyTotal, double perMillionEvents) {
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

    /** @param packed true for playerlens's records and write coalescing, false for one record and one write per event */
    public Cost monthly(Scale s, boolean packed) {
        double hours = p("hours_per_month");
        double events = s.eventsPerSecond() * 3600 * hours;
        double requests = events / s.batchSize();
        double offers = s.offersRequestsPerSecond() * 3600 * hours;
        double records = packed ? requests : events;
        double recordBytes = packed ? s.batchSize() * s.compressedBytesPerEvent() : s.jsonBytesPerEvent();
        Map<String, Double> cost = new LinkedHashMap<>();

        cost.put("api_gateway", (requests + offers) / 1e6 * p("api_gateway_http_per_million_requests"));
        double ingestGbSeconds = requests * 0.015 * 1.0;
        double offersGbSeconds = offers * (0.010 * 0.5 + 0.010 * 1.0);
        cost.put("lambda", (requests + 2 * offers) / 1e6 * p("lambda_per_million_requests")
                + (ingestGbSeconds + offersGbSeconds) * p("lambda_arm_per_gb_second"));
        double kinesisKb = Math.ceil(recordBytes / 1024.0 / p("kinesis_on_demand_record_rounding_kb")) * p("kinesis_on_demand_record_rounding_kb");
        double kinesisGb = records * kinesisKb * 1024 / GB;
        cost.put("kinesis", 2 * p("kinesis_on_demand_per_stream_hour") * hours + kinesisGb * p("kinesis_on_demand_per_gb_ingested")
                + 2 * kinesisGb * p("kinesis_on_demand_per_gb_retrieved"));
        double writes = packed ? requests : events;
        cost.put("dynamodb", writes / 1e6 * p("dynamodb_on_demand_per_million_write_units")
                + offers / 1e6 * p("dynamodb_on_demand_per_million_read_units"));
        double kpus = Math.max(1, Math.ceil(s.eventsPerSecond() / s.eventsPerKpuSecond())) + p("managed_flink_orchestration_kpus");
        cost.put("managed_flink", kpus * hours * p("managed_flink_per_kpu_hour")
                + (kpus - p("managed_flink_orchestration_kpus")) * p("managed_flink_storage_gb_per_kpu") * p("managed_flink_per_storage_gb_month"));
        double firehoseKb = Math.ceil(recordBytes / 1024.0 / p("firehose_record_rounding_kb")) * p("firehose_record_rounding_kb");
        cost.put("firehose", records * firehoseKb * 1024 / GB * p("firehose_per_gb_ingested"));
        cost.put("s3", records * recordBytes / GB * p("s3_standard_per_gb_month"));

        if (s.players() > 0) {
            cost.put("dynamodb_storage", s.players() * p("profile_item_kb") * 1024 / GB * p("dynamodb_per_gb_month"));
        }
        if (s.models() > 0) {
            // Each model stack: its dashboard and its two deployment alarms (errors, p99 latency); plus the core dashboard.
            cost.put("cloudwatch", (s.models() + 1) * p("cloudwatch_per_dashboard_month") + 2 * s.models() * p("cloudwatch_per_alarm_month"));
        }
        double total = cost.values().stream().mapToDouble(Double::doubleValue).sum();
        return new Cost(cost, total, total / (events / 1e6));
    }
}
