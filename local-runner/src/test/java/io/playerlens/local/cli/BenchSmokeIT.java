package io.playerlens.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A seconds-long run of {@code ./playerlens bench}: the report has its fields, with plausible values (not timings). */
class BenchSmokeIT {

    @Test
    void shortBench_writesAReportWithEveryFigure() throws Exception {
        Path out = Path.of("target", "bench-smoke");
        int exit = new CommandLine(new BenchCommand()).execute("--rate", "100", "--duration", "3", "--warmup", "2",
                "--offers-rate", "20", "--probes", "5", "--shards", "1", "--parallelism", "1", "--out", out.toString());
        assertThat(exit).isZero();

        JsonNode report = new ObjectMapper().readTree(out.resolve("freshness-100-batch10.json").toFile());
        JsonNode freshness = report.get("freshness");
        assertThat(freshness.get("cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(freshness.get("freshness").get("count").asInt()).isPositive();
        assertThat(freshness.get("freshness").get("p50").asDouble()).isPositive().isLessThan(10_000);
        assertThat(freshness.get("ingest").get("p50").asDouble()).isGreaterThanOrEqualTo(0);
        assertThat(freshness.get("writesPerEvent").asDouble()).isPositive().isLessThanOrEqualTo(1.5);
        assertThat(freshness.get("sentRate").asDouble()).isPositive();
        JsonNode offers = report.get("offers");
        assertThat(offers.get("inferenceMicros").fieldNames()).toIterable().contains("store-logreg", "starter-heuristic");
        assertThat(offers.get("requests").asLong()).isPositive();
        JsonNode cost = report.get("cost");
        assertThat(cost.get("playerlens").get("monthlyTotal").asDouble()).isPositive()
                .isLessThan(cost.get("naive").get("monthlyTotal").asDouble());
        assertThat(cost.get("playerlens").get("perMillionEvents").asDouble()).isPositive();
    }
}
