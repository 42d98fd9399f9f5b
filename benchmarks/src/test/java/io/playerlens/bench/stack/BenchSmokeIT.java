package io.playerlens.bench.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A seconds-long run of {@code ./playerlens bench}: the report has every figure of both shapes, with plausible values (not timings). */
class BenchSmokeIT {

    @Test
    void shortBench_writesAReportWithEveryFigure_forBothTrafficShapes() throws Exception {
        Path out = Path.of("target", "bench-smoke");
        int exit = new CommandLine(new StackBench()).execute("--rate", "150", "--relay-rate", "200", "--duration", "3", "--warmup", "2", "--max-warmup", "2",
                "--offers-rate", "20", "--tracked", "5", "--shards", "1", "--parallelism", "1", "--out", out.toString());
        assertThat(exit).isZero();

        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.get("machine").get("cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        for (String shape : new String[] {"client", "relay"}) {
            JsonNode r = report.get("shapes").get(shape);
            assertThat(r).as(shape).isNotNull();
            assertThat(r.get("posts").asLong()).as(shape).isPositive();
            assertThat(r.get("postOutcomes").get("200").asLong()).as("every POST answered 200").isEqualTo(r.get("posts").asLong());
            assertThat(r.get("freshness").get("count").asInt()).as(shape).isPositive();
            assertThat(r.get("freshness").get("count").asLong() + r.get("samplesNeverSeen").asLong()).isEqualTo(r.get("samplesStarted").asLong());
            assertThat(r.get("freshness").get("p50").asDouble()).isPositive().isLessThan(15_000);
            assertThat(r.get("stream").get("count").asInt()).isEqualTo(r.get("freshness").get("count").asInt());
            assertThat(r.get("windowedFreshness").get("count").asInt()).as("a windowed feature measured in the same run")
                    .isEqualTo(r.get("freshness").get("count").asInt());
            assertThat(r.get("compressedBytesPerEvent").asDouble()).isBetween(10.0, 400.0);
            assertThat(r.get("writesPerEvent").asDouble()).isPositive().isLessThanOrEqualTo(1.5);
            assertThat(r.get("offersSent").asLong()).isPositive();
            long answered = 0;
            for (JsonNode count : r.get("offersOutcomes")) {
                answered += count.asLong();
            }
            assertThat(answered + r.get("offersUnanswered").asLong()).as("every offers request counted").isEqualTo(r.get("offersSent").asLong());
        }
        assertThat(report.get("shapes").get("relay").get("eventsPerRecord").asDouble()).as("a relay batch packs by shard")
                .isGreaterThan(report.get("settings").get("relay_batch").asText().startsWith("50") ? 10.0 : 1.0);
        assertThat(report.get("settings").get("feature_job").get("checkpoint.interval.ms").asText()).as("the report says how the job ran")
                .isEqualTo("60000");
        assertThat(report.get("settings").get("feature_job").get("dedupe.layout").asText()).isEqualTo("compact");
        assertThat(report.get("settings").get("kinesis_retention_minutes").asLong()).isEqualTo(30);
        assertThat(report.get("offers_inference").fieldNames()).toIterable().contains("store-logreg", "starter-heuristic");
        JsonNode resources = report.get("resources");
        assertThat(resources.get("samples").asInt()).isPositive();
        assertThat(resources.get("jvm_rss_mib").get("max").asDouble()).isGreaterThan(50.0);
        assertThat(report.get("timeline").size()).isPositive();
        JsonNode cost = report.get("cost");
        assertThat(cost.get("playerlens").get("monthlyTotal").asDouble()).isPositive().isLessThan(cost.get("naive").get("monthlyTotal").asDouble());
        assertThat(cost.get("playerlens").get("events").get("perMillion").asDouble()).isPositive();
        assertThat(cost.get("playerlens").get("offers").get("perMillion").asDouble()).isPositive();
        assertThat(cost.get("assumptions").get("models").asInt()).isEqualTo(2);
        JsonNode logs = report.get("log_bytes_per_invocation");
        for (String lambda : new String[] {"ingest", "profile", "offers"}) {
            assertThat(logs.get(lambda).asDouble()).as("log bytes of %s, measured from its deployable jar", lambda).isBetween(100.0, 20_000.0);
        }
        assertThat(cost.get("measured").get("offersLogBytesPerRequest").asDouble()).as("the decision line is part of the offers logs")
                .isGreaterThan(cost.get("measured").get("decisionBytes").asDouble());

        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).as("self-contained: uPlot and the data are inlined").contains("uPlot").contains("\"compressedBytesPerEvent\"")
                .doesNotContain("/*REPORT_JSON*/").doesNotContain("src=\"http");
    }
}
