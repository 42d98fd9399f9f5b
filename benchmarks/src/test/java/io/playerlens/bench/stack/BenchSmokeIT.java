package io.playerlens.bench.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A seconds-long run of {@code ./playerlens bench}: the report has its fields, with plausible values (not timings). */
class BenchSmokeIT {

    @Test
    void shortBench_writesAReportWithEveryFigure() throws Exception {
        Path out = Path.of("target", "bench-smoke");
        int exit = new CommandLine(new StackBench()).execute("--rate", "100", "--duration", "3", "--warmup", "2",
                "--offers-rate", "20", "--probes", "5", "--shards", "1", "--parallelism", "1", "--out", out.toString());
        assertThat(exit).isZero();

        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.get("machine").get("cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        JsonNode freshness = report.get("freshness");
        assertThat(freshness.get("cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(freshness.get("freshness").get("count").asInt()).isPositive();
        assertThat(freshness.get("freshness").get("p50").asDouble()).isPositive().isLessThan(10_000);
        assertThat(freshness.get("ingest").get("p50").asDouble()).isGreaterThanOrEqualTo(0);
        // The job's stamps split the rest: stream (to processed_at) and Flink (to updated_at).
        assertThat(freshness.get("stream").get("count").asInt()).isEqualTo(freshness.get("freshness").get("count").asInt());
        assertThat(freshness.get("stream").get("p50").asDouble()).isGreaterThanOrEqualTo(0).isLessThan(freshness.get("freshness").get("max").asDouble());
        assertThat(freshness.get("flink").get("p50").asDouble()).isGreaterThanOrEqualTo(0);
        JsonNode ingest = report.get("ingest");
        assertThat(ingest.get("compressed_bytes_per_event").asDouble()).isBetween(10.0, 400.0);
        assertThat(ingest.get("events_per_record").asDouble()).isGreaterThan(1.0);
        assertThat(ingest.get("shard_capacity_events_per_second").asDouble()).isGreaterThan(1000.0);
        JsonNode resources = report.get("resources");
        assertThat(resources.get("samples").asInt()).isPositive();
        assertThat(resources.get("total_cores").get("max").asDouble()).isPositive();
        assertThat(resources.get("jvm_rss_mib").get("max").asDouble()).isGreaterThan(50.0);
        assertThat(report.get("timeline").size()).isPositive();
        assertThat(freshness.get("writesPerEvent").asDouble()).isPositive().isLessThanOrEqualTo(1.5);
        assertThat(freshness.get("sentRate").asDouble()).isPositive();
        JsonNode offers = report.get("offers");
        assertThat(offers.get("inferenceMicros").fieldNames()).toIterable().contains("store-logreg", "starter-heuristic");
        assertThat(offers.get("requests").asLong()).isPositive();
        JsonNode cost = report.get("cost");
        assertThat(cost.get("playerlens").get("monthlyTotal").asDouble()).isPositive()
                .isLessThan(cost.get("naive").get("monthlyTotal").asDouble());
        assertThat(cost.get("playerlens").get("perMillionEvents").asDouble()).isPositive();
        assertThat(cost.get("scale").get("models").asInt()).isEqualTo(2);

        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).as("self-contained: uPlot and the data are inlined").contains("uPlot").contains("\"sustained_events_per_second\"")
                .doesNotContain("/*REPORT_JSON*/").doesNotContain("src=\"http");
    }
}
