package io.playerlens.bench.stack;

import io.playerlens.contracts.config.EnvVars;
import io.playerlens.local.platform.LocalPlatform;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Bytes each API Lambda prints per invocation (structured logs, EMF metric lines, the offers API's decision line),
 * measured by running its deployable jar as on Lambda against the running local stack ({@link LambdaLogProbe}). What
 * CloudWatch Logs ingests and bills. The Lambda platform's START/END/REPORT lines are not printed by the function and
 * are an assumption of the cost model.
 */
final class LogBytes {
    private LogBytes() {
    }

    /** Handler → bytes per invocation; a handler whose jar is not built is left out (and named). */
    static Map<String, Double> measure(LocalPlatform platform, String eventsBody, String playerWithProfile) throws Exception {
        Map<String, String> env = new HashMap<>(platform.lambdaEnvironment());
        env.put("AWS_LAMBDA_FUNCTION_NAME", "log-probe"); // EMF to stdout, as on Lambda
        // No variant: the offers API answers the placement's defaults without invoking a model (no model Lambda here);
        // its response, metrics and decision line have the shape of a served one.
        env.put(EnvVars.PLACEMENTS_JSON, "{\"store\":{\"salt\":\"s\",\"budget_ms\":50,\"default_offers\":[{\"offer_id\":\"starter_pack\","
                + "\"sku\":\"starter_bundle\",\"price_cents\":99},{\"offer_id\":\"gems_500\",\"sku\":\"gems_500\",\"price_cents\":499},"
                + "{\"offer_id\":\"coin_pack\",\"sku\":\"coins_1000\",\"price_cents\":199}]}}");
        Path body = Files.createTempFile("playerlens-log-probe", ".json");
        Files.writeString(body, eventsBody);
        String key = platform.options().apiKey();
        Map<String, Double> bytes = new LinkedHashMap<>();
        probe(bytes, "ingest", "event-ingest-lambda", "io.playerlens.ingest.IngestHandler", env, "POST", key, "/v1/events", body.toString());
        probe(bytes, "profile", "profile-api-lambda", "io.playerlens.profile.ProfileHandler", env, "GET", key,
                "/v1/players/" + playerWithProfile + "/profile", "-");
        probe(bytes, "offers", "offers-api-lambda", "io.playerlens.offers.OffersHandler", env, "GET", key,
                "/v1/players/" + playerWithProfile + "/offers?placement=" + StackBench.OFFERS_PLACEMENT, "-");
        Files.deleteIfExists(body);
        return bytes;
    }

    private static void probe(Map<String, Double> out, String name, String module, String handler, Map<String, String> env, String method,
                              String key, String path, String body) throws Exception {
        Path home = LocalPlatform.checkoutHome();
        Path jar = home.resolve(module).resolve("target").resolve(module + "-0.1.0-SNAPSHOT-aws.jar");
        Path probeClasses = Path.of(LambdaLogProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.exists(jar)) {
            System.out.println("  (log bytes of " + name + " not measured: " + jar + " is not built)");
            return;
        }
        // The probe class alone (from this jar or classes folder) beside the deployable jar: the function's own classpath.
        Path probeOnly = Files.createTempDirectory("playerlens-log-probe");
        Path classFile = probeOnly.resolve("io/playerlens/bench/stack/LambdaLogProbe.class");
        Files.createDirectories(classFile.getParent());
        try (var in = LambdaLogProbe.class.getResourceAsStream("LambdaLogProbe.class")) {
            Files.copy(in, classFile);
        }
        int warmup = 20;
        int measured = 200;
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                jar + File.pathSeparator + probeOnly, LambdaLogProbe.class.getName(), handler, method, key, path, body,
                Integer.toString(warmup), Integer.toString(measured)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            System.out.println("  (log bytes of " + name + " not measured: the probe failed)");
            return;
        }
        String text = new String(output, StandardCharsets.UTF_8);
        int at = text.indexOf(LambdaLogProbe.MARKER);
        if (at < 0) {
            return;
        }
        byte[] after = text.substring(at + LambdaLogProbe.MARKER.length() + 1).getBytes(StandardCharsets.UTF_8);
        out.put(name, (double) after.length / measured);
        probeOnly.toFile().deleteOnExit();
        classFile.toFile().deleteOnExit();
        System.out.printf("  %-8s %6.0f bytes of logs and EMF per invocation (its deployable jar, as on Lambda)%n", name, (double) after.length / measured);
    }
}
