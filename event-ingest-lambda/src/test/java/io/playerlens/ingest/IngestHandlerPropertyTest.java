package io.playerlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playerlens.contracts.codec.BatchCodec;
import io.playerlens.contracts.config.EnvVars;
import io.playerlens.contracts.event.Unicode;
import io.playerlens.contracts.quarantine.QuarantineEntry;
import io.playerlens.contracts.testing.HostileJson;
import io.playerlens.lambda.ApiKeys;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The edge under generated hostile bodies: every request ends as 200 (each event accepted or rejected with its reason
 * and quarantined) or as a whole-request 4xx with a precise message — never a 500, never an event silently dropped.
 */
class IngestHandlerPropertyTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper STRICT = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
    private static final Set<Integer> WHOLE_REQUEST_REFUSALS = Set.of(400, 413, 415);

    @Provide
    Arbitrary<byte[]> bodies() {
        return HostileJson.bodies(NOW.toEpochMilli());
    }

    @Property(tries = 1500)
    void anyBody_isAnsweredWithoutA500_andEveryEventIsAcceptedOrQuarantined(@ForAll("bodies") byte[] body) throws Exception {
        FakeKinesis kinesis = new FakeKinesis();
        IngestHandler handler = new IngestHandler(IngestConfig.fromEnv(Map.of(
                EnvVars.EVENTS_STREAM_NAME, "events",
                EnvVars.QUARANTINE_STREAM_NAME, "quarantine",
                EnvVars.API_KEY_HASHES, "space-race:" + ApiKeys.sha256Hex("s3cret-one"))),
                kinesis, IngestMetrics.NONE, Clock.fixed(NOW, ZoneOffset.UTC), d -> { });
        APIGatewayV2HTTPEvent request = ApiGatewayEvents.postEvents(Base64.getEncoder().encodeToString(body));
        request.setIsBase64Encoded(true);

        APIGatewayV2HTTPResponse response = handler.handleRequest(request, null);

        Statistics.label("status").collect(response.getStatusCode());
        JsonNode answer = MAPPER.readTree(response.getBody());
        if (response.getStatusCode() != 200) {
            assertThat(response.getStatusCode()).as(response.getBody()).isIn(WHOLE_REQUEST_REFUSALS);
            assertThat(answer.path("error").asText()).isNotBlank();
            assertThat(Unicode.problem(answer.path("error").asText())).isEmpty();
            assertThat(kinesis.stored).as("a refused request puts nothing").isEmpty();
            return;
        }
        JsonNode sent = STRICT.readTree(body).get("events");
        int accepted = answer.get("accepted").asInt();
        JsonNode rejected = answer.get("rejected");
        assertThat(accepted + rejected.size()).as("every event is answered").isEqualTo(sent.size());

        List<JsonNode> onStream = decoded(kinesis, "events");
        assertThat(onStream).hasSize(accepted);
        List<QuarantineEntry> quarantined = new ArrayList<>();
        decoded(kinesis, "quarantine").forEach(q -> quarantined.add(QuarantineEntry.fromJson(q)));
        assertThat(quarantined).hasSize(rejected.size());
        for (int i = 0; i < rejected.size(); i++) {
            JsonNode rejection = rejected.get(i);
            QuarantineEntry entry = quarantined.get(i);
            assertThat(entry.index()).isEqualTo(rejection.get("index").asInt());
            assertThat(entry.error()).isEqualTo(rejection.get("error").asText()).isNotBlank();
            assertThat(entry.event()).isEqualTo(sent.get(entry.index()));
        }
    }

    private static List<JsonNode> decoded(FakeKinesis kinesis, String stream) {
        List<JsonNode> events = new ArrayList<>();
        kinesis.dataIn(stream).forEach(record -> events.addAll(BatchCodec.decodeEvents(record)));
        return events;
    }
}
