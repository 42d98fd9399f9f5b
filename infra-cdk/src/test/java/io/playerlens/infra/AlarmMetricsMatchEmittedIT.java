package io.playerlens.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playerlens.contracts.config.EnvVars;
import io.playerlens.contracts.metrics.MetricNames;
import io.playerlens.contracts.profile.ProfileItem;
import io.playerlens.emulators.LocalAws;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Alarms and widgets that can work: every metric of the {@code playerlens} namespace an alarm or a dashboard widget
 * of the synthesised templates uses — name and dimension names — is one the Lambdas really emit. Each API Lambda's
 * deployable runs in a process of its own as on Lambda (EMF to stdout), against the emulators, with the requests that
 * make it emit each metric; its EMF lines are read back.
 */
class AlarmMetricsMatchEmittedIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern SEARCH = Pattern.compile("SEARCH\\('\\{([^}]*)\\} MetricName=\\\\?\"([^\"\\\\]+)\\\\?\"");

    /** A metric as CloudWatch keys it: name and the set of dimension names. */
    record MetricKey(String name, Set<String> dimensions) {
        @Override
        public String toString() {
            return name + dimensions;
        }
    }

    /** What one probe process printed: its EMF metrics and every line. */
    record Probe(Set<MetricKey> metrics, List<String> lines) {
    }

    private static Map<String, Probe> probes;
    private static SynthesizedApp app;

    @BeforeAll
    static void runTheLambdas() throws Exception {
        probes = runProbes();
        app = new SynthesizedApp(Map.of());
    }

    @Test
    void everyAlarmAndWidgetMetricOfOurNamespace_isOneTheLambdasEmit() {
        Set<MetricKey> emitted = new java.util.HashSet<>();
        probes.values().forEach(p -> emitted.addAll(p.metrics()));
        assertThat(emitted).as("the probes emitted EMF").isNotEmpty();

        Set<MetricKey> used = new TreeSet<>(java.util.Comparator.comparing(MetricKey::toString));
        for (Template template : app.templates.values()) {
            template.findResources("AWS::CloudWatch::Alarm").values().forEach(alarm -> used.addAll(alarmMetrics(alarm)));
            template.findResources("AWS::CloudWatch::Dashboard").values().forEach(dashboard -> used.addAll(dashboardMetrics(dashboard)));
        }
        assertThat(used).as("alarm and widget metrics of the playerlens namespace").isNotEmpty();
        assertThat(used).as("emitted: %s", emitted).allSatisfy(metric -> assertThat(emitted).contains(metric));
    }

    /**
     * CloudWatch Logs bills every byte the functions print, and an EMF line's metadata is most of its bytes: the offers
     * function puts a request's served count and latency (same dimensions) in one line, not one line each.
     */
    @Test
    void theOffersFunction_putsARequestsServedCountAndLatencyInOneEmfLine() throws Exception {
        List<JsonNode> served = jsonLines("offers-api-lambda").stream()
                .filter(json -> json.has("_aws") && (json.has(MetricNames.OFFERS_SERVED) || json.has(MetricNames.OFFERS_LATENCY_MS))).toList();
        assertThat(served).as("EMF lines with %s or %s for the probe's one request", MetricNames.OFFERS_SERVED, MetricNames.OFFERS_LATENCY_MS)
                .hasSize(1);
        assertThat(served.get(0).has(MetricNames.OFFERS_SERVED) && served.get(0).has(MetricNames.OFFERS_LATENCY_MS)).as(served.get(0).toString())
                .isTrue();
    }

    /**
     * The decisions' way to the archive starts with the subscription filter on the offers function's log group: its
     * pattern must select the lines the deployed handler prints for a decision, and nothing else it prints.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theDecisionsSubscriptionFilter_selectsExactlyTheOffersDecisionLines() throws Exception {
        Template core = app.templates.get("PlayerlensCore");
        Map<String, Map<String, Object>> filters = core.findResources("AWS::Logs::SubscriptionFilter");
        assertThat(filters).hasSize(1);
        Map<String, Object> filter = (Map<String, Object>) filters.values().iterator().next().get("Properties");
        Matcher pattern = Pattern.compile("\\{\\s*\\$\\.(\\w+)\\s*=\\s*\"([^\"]*)\"\\s*\\}").matcher((String) filter.get("FilterPattern"));
        assertThat(pattern.matches()).as("a { $.field = \"value\" } pattern (this test reads no other form): %s", filter.get("FilterPattern"))
                .isTrue();
        Object offersLogGroup = ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) core.findResources(
                "AWS::Lambda::Function").entrySet().stream().filter(e -> e.getKey().startsWith(CoreStack.OFFERS)).findFirst().orElseThrow()
                .getValue().get("Properties")).get("LoggingConfig"))).get("LogGroup");
        assertThat(filter.get("LogGroupName")).as("the filter is on the offers function's log group").isEqualTo(offersLogGroup);

        List<JsonNode> selected = jsonLines("offers-api-lambda").stream()
                .filter(json -> pattern.group(2).equals(json.path(pattern.group(1)).asText(null))).toList();
        assertThat(selected).as("one decision per request, selected by the filter").hasSize(1);
        assertThat(selected.get(0).path("props").path("placement").asText()).isEqualTo("store");
        assertThat(selected.get(0).path("player_id").asText()).isEqualTo("p-1");
    }

    /** The JSON objects among the lines a probe printed (its logs and EMF), in order; other lines are skipped. */
    private static List<JsonNode> jsonLines(String probe) {
        List<JsonNode> objects = new ArrayList<>();
        for (String line : probes.get(probe).lines()) {
            try {
                JsonNode json = MAPPER.readTree(line);
                if (json != null && json.isObject()) {
                    objects.add(json);
                }
            } catch (Exception notJson) {
                // a plain-text line (e.g. the runtime's own): not a log event or metric of ours
            }
        }
        return objects;
    }

    private static Map<String, Probe> runProbes() throws Exception {
        LocalAws aws = LocalAws.shared();
        String suffix = Long.toString(System.nanoTime());
        String events = "events-" + suffix;
        String quarantine = "quarantine-" + suffix;
        String table = "profiles-" + suffix;
        aws.createStream(events, 1);
        aws.createStream(quarantine, 1);
        aws.createTable(table, ProfileItem.KEY);
        aws.dynamoDb().putItem(b -> b.tableName(table).item(Map.of(ProfileItem.KEY, AttributeValue.fromS("probe-game/p-1"), ProfileItem.PLAYER_ID, AttributeValue.fromS("p-1"),
                ProfileItem.GAME_ID, AttributeValue.fromS("probe-game"), ProfileItem.FEATURES, AttributeValue.fromM(Map.of(
                        "events_total", AttributeValue.fromN("3"), "odd", AttributeValue.fromL(List.of()))),
                ProfileItem.UPDATED_AT, AttributeValue.fromN("1795000000100"), ProfileItem.RECEIVED_AT, AttributeValue.fromN("1795000000000"),
                ProfileItem.PROCESSED_AT, AttributeValue.fromN("1795000000050"))));

        Map<String, String> env = new java.util.HashMap<>(aws.sdkEnvironment());
        env.put(EnvVars.LOCAL_MODE, "true");
        env.put(EnvVars.API_KEY_HASHES, "probe-game:" + sha256("probe-key"));
        env.put(EnvVars.EVENTS_STREAM_NAME, events);
        env.put(EnvVars.QUARANTINE_STREAM_NAME, quarantine);
        env.put(EnvVars.PROFILES_TABLE_NAME, table);
        env.put(EnvVars.PLACEMENTS_JSON, "{\"store\":{\"salt\":\"s\",\"budget_ms\":50,\"default_offers\":[{\"offer_id\":\"d\",\"sku\":\"d\","
                + "\"price_cents\":1}],\"variants\":[{\"variant\":\"A\",\"model\":\"absent-model\",\"weight\":100}]}}");
        env.put(EnvVars.MODEL_FUNCTION_PREFIX, "probe-");
        env.put("AWS_ENDPOINT_URL_LAMBDA", "http://127.0.0.1:9");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "probe"); // EMF to stdout, as on Lambda

        String now = Long.toString(System.currentTimeMillis());
        String batch = "{\"events\":[{\"event_id\":\"evt-00000001\",\"player_id\":\"p-1\",\"type\":\"store_view\",\"ts\":" + now + ",\"props\":{}},"
                + "{\"event_id\":\"evt-00000002\",\"player_id\":\"p-1\",\"type\":\"jump\",\"ts\":" + now + ",\"props\":{}}]}";
        return Map.of(
                "event-ingest-lambda", run("event-ingest-lambda", "io.playerlens.ingest.IngestHandler", env,
                        "POST", "probe-key", "/v1/events", batch, "POST", "wrong-key", "/v1/events", batch),
                "profile-api-lambda", run("profile-api-lambda", "io.playerlens.profile.ProfileHandler", env,
                        "GET", "probe-key", "/v1/players/p-1/profile", "", "GET", "probe-key", "/v1/players/nobody/profile", "",
                        "DELETE", "probe-key", "/v1/players/p-1", ""),
                "offers-api-lambda", run("offers-api-lambda", "io.playerlens.offers.OffersHandler", env,
                        "GET", "probe-key", "/v1/players/p-1/offers?placement=store", ""));
    }

    private static Probe run(String module, String handler, Map<String, String> env, String... requests) throws Exception {
        String jar = Path.of("..", module, "target", module + "-" + Artifacts.VERSION + "-aws.jar").toAbsolutePath().toString();
        String classpath = jar + File.pathSeparator + Path.of("target", "test-classes").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
                "io.playerlens.infra.probe.EmfProbe", handler));
        command.addAll(List.of(requests));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        Set<MetricKey> keys = new java.util.HashSet<>();
        for (String line : output.split("\n")) {
            if (!line.startsWith("{\"_aws\"")) {
                continue;
            }
            JsonNode emf = MAPPER.readTree(line);
            for (JsonNode directive : emf.path("_aws").path("CloudWatchMetrics")) {
                if (!MetricNames.NAMESPACE.equals(directive.path("Namespace").asText())) {
                    continue;
                }
                for (JsonNode metric : directive.path("Metrics")) {
                    for (JsonNode dimensionSet : directive.path("Dimensions")) {
                        Set<String> dims = new TreeSet<>();
                        dimensionSet.forEach(d -> dims.add(d.asText()));
                        keys.add(new MetricKey(metric.path("Name").asText(), dims));
                    }
                }
            }
        }
        return new Probe(keys, List.of(output.split("\n")));
    }

    @SuppressWarnings("unchecked")
    private static List<MetricKey> alarmMetrics(Map<String, Object> alarm) {
        Map<String, Object> properties = (Map<String, Object>) alarm.get("Properties");
        List<MetricKey> keys = new ArrayList<>();
        if (MetricNames.NAMESPACE.equals(properties.get("Namespace"))) {
            keys.add(new MetricKey((String) properties.get("MetricName"), dimensionNames((List<Map<String, Object>>) properties.get("Dimensions"))));
        }
        for (Object query : (List<Object>) properties.getOrDefault("Metrics", List.of())) {
            Map<String, Object> stat = (Map<String, Object>) ((Map<String, Object>) query).get("MetricStat");
            if (stat != null) {
                Map<String, Object> metric = (Map<String, Object>) stat.get("Metric");
                if (MetricNames.NAMESPACE.equals(metric.get("Namespace"))) {
                    keys.add(new MetricKey((String) metric.get("MetricName"), dimensionNames((List<Map<String, Object>>) metric.get("Dimensions"))));
                }
            }
        }
        return keys;
    }

    private static Set<String> dimensionNames(List<Map<String, Object>> dimensions) {
        Set<String> names = new TreeSet<>();
        if (dimensions != null) {
            dimensions.forEach(d -> names.add((String) d.get("Name")));
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static List<MetricKey> dashboardMetrics(Map<String, Object> dashboard) {
        Object body = ((Map<String, Object>) dashboard.get("Properties")).get("DashboardBody");
        JsonNode json;
        try {
            json = MAPPER.readTree(SynthesizedApp.resolve(body));
        } catch (Exception e) {
            throw new AssertionError("dashboard body is not JSON: " + body, e);
        }
        List<MetricKey> keys = new ArrayList<>();
        for (JsonNode widget : json.path("widgets")) {
            for (JsonNode metric : widget.path("properties").path("metrics")) {
                JsonNode first = metric.get(0);
                if (first.isObject() && first.has("expression")) {
                    Matcher search = SEARCH.matcher(first.get("expression").asText());
                    while (search.find()) {
                        String[] schema = search.group(1).split(",");
                        if (schema[0].equals(MetricNames.NAMESPACE)) {
                            keys.add(new MetricKey(search.group(2), new TreeSet<>(List.of(schema).subList(1, schema.length))));
                        }
                    }
                } else if (first.isTextual() && first.asText().equals(MetricNames.NAMESPACE)) {
                    Set<String> dims = new TreeSet<>();
                    for (int i = 2; i + 1 < metric.size() && metric.get(i).isTextual(); i += 2) {
                        dims.add(metric.get(i).asText());
                    }
                    keys.add(new MetricKey(metric.get(1).asText(), dims));
                }
            }
        }
        return keys;
    }

    private static String sha256(String key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }
}
