package io.playerlens.bench.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.playerlens.local.metrics.LiveMetrics;
import io.playerlens.local.metrics.StackResources;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The benchmark's output: {@code report.json} (every figure) and {@code report.html}, one self-contained file with
 * the plots (uPlot and the data inlined, so it opens anywhere without the runner).
 */
public final class BenchReport {
    /** Kinesis shard write limits: 1 MiB/s and 1,000 records/s. */
    private static final double SHARD_BYTES_PER_SECOND = 1024 * 1024;
    private static final double SHARD_RECORDS_PER_SECOND = 1000;

    private final Map<String, Object> report = new LinkedHashMap<>();

    public BenchReport(Map<String, Object> settings) {
        report.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "cpu", cpuModel(),
                "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version")));
        report.put("settings", settings);
    }

    /**
     * The processor's model name ({@code /proc/cpuinfo} on Linux, else {@code os.arch}): runs on "the same 2-core
     * machine" have landed on different hosts, and their figures differ several-fold.
     */
    public static String cpuModel() {
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(java.nio.file.Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst()
                    .orElse(System.getProperty("os.arch"));
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return System.getProperty("os.arch");
        }
    }

    public BenchReport put(String section, Object value) {
        report.put(section, value);
        return this;
    }

    /** Sustained ingest, compression and shard figures from the ingest counters of the measured run. */
    public static Map<String, Object> ingest(double sustainedEventsPerSecond, long accepted, long records, long recordBytes, int shards) {
        double bytesPerEvent = accepted == 0 ? 0 : (double) recordBytes / accepted;
        double eventsPerRecord = records == 0 ? 0 : (double) accepted / records;
        Map<String, Object> ingest = new LinkedHashMap<>();
        ingest.put("sustained_events_per_second", sustainedEventsPerSecond);
        ingest.put("compressed_bytes_per_event", bytesPerEvent);
        ingest.put("events_per_record", eventsPerRecord);
        ingest.put("shards", shards);
        ingest.put("events_per_second_per_shard", sustainedEventsPerSecond / shards);
        ingest.put("shard_capacity_events_per_second", bytesPerEvent == 0 ? 0
                : Math.min(SHARD_BYTES_PER_SECOND / bytesPerEvent, SHARD_RECORDS_PER_SECOND * eventsPerRecord));
        return ingest;
    }

    /** Mean and peak CPU (cores) and resident memory (MiB) of the stack over the points. */
    public static Map<String, Object> resources(List<LiveMetrics.Point> points) {
        Map<String, Object> resources = new LinkedHashMap<>();
        resources.put("samples", points.size());
        resources.put("jvm_cores", meanMax(points, r -> r.jvmCores()));
        resources.put("emulator_cores", meanMax(points, r -> r.emulatorCores()));
        resources.put("total_cores", meanMax(points, StackResources.Usage::totalCores));
        // What the machine did not give the stack: a run on a VM whose hypervisor takes a third of the cores is not a
        // run of this code on 2 cores.
        resources.put("stolen_cores", meanMax(points, r -> r.stolenCores()));
        resources.put("other_process_cores", meanMax(points, r -> r.otherCores()));
        resources.put("available_cores", meanMax(points, StackResources.Usage::availableCores));
        resources.put("jvm_rss_mib", meanMax(points, r -> r.jvmRssMib()));
        resources.put("emulator_rss_mib", meanMax(points, r -> r.emulatorRssMib()));
        resources.put("machine_cores", Runtime.getRuntime().availableProcessors());
        return resources;
    }

    private static Map<String, Double> meanMax(List<LiveMetrics.Point> points, ToDoubleFunction<StackResources.Usage> value) {
        double sum = 0;
        double max = 0;
        for (LiveMetrics.Point point : points) {
            double v = value.applyAsDouble(point.resources());
            sum += v;
            max = Math.max(max, v);
        }
        return Map.of("mean", points.isEmpty() ? 0 : sum / points.size(), "max", max);
    }

    public Map<String, Object> asMap() {
        return report;
    }

    /** Writes report.json and report.html into {@code folder}; returns the HTML file. */
    public Path write(Path folder) throws IOException {
        Files.createDirectories(folder);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        mapper.writeValue(folder.resolve("report.json").toFile(), report);
        String json = new ObjectMapper().writeValueAsString(report).replace("</", "<\\/");
        String html = resource("playerlens/bench/report-template.html")
                .replace("/*UPLOT_CSS*/", resource("playerlens/dashboard/vendor/dist/uPlot.min.css"))
                .replace("/*UPLOT_JS*/", resource("playerlens/dashboard/vendor/dist/uPlot.iife.min.js"))
                .replace("/*REPORT_JSON*/", json);
        Path file = folder.resolve("report.html");
        Files.writeString(file, html);
        return file;
    }

    private static String resource(String name) {
        try (InputStream in = BenchReport.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " (built by the local-runner module)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
