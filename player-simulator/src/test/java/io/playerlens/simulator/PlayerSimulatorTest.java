package io.playerlens.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.event.EventCatalog;
import io.playerlens.contracts.event.EventValidator;
import io.playerlens.contracts.event.ValidationResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The simulator is a client like any other: everything it sends must pass the event contract. */
class PlayerSimulatorTest {
    private static final long NOW = 1_795_600_000_000L;

    @Test
    void everySimulatedEvent_validatesAgainstTheEventContract_andTheMixLooksLikeAGame() {
        PlayerSimulator simulator = new PlayerSimulator(42, 50, "sim-");
        EventValidator validator = new EventValidator(EventCatalog.defaultCatalog(), io.playerlens.contracts.event.EventTimePolicy.defaults());
        Map<String, Integer> types = new HashMap<>();
        Set<String> ids = new HashSet<>();
        int events = 0;
        int duplicates = 0;
        int outOfOrderBatches = 0;
        for (int i = 0; i < 2_000; i++) {
            long now = NOW + i * 100L;
            for (ObjectNode body : simulator.nextRequests(now, 10)) {
                long previous = Long.MIN_VALUE;
                boolean ordered = true;
                for (JsonNode event : body.get("events")) {
                    ValidationResult result = validator.validate(event, event.toString().length(), "g", now);
                    assertThat(result).as(event.toString()).isInstanceOf(ValidationResult.Accepted.class);
                    types.merge(event.get("type").asText(), 1, Integer::sum);
                    if (!ids.add(event.get("event_id").asText())) {
                        duplicates++;
                    }
                    ordered &= event.get("ts").asLong() >= previous;
                    previous = event.get("ts").asLong();
                    events++;
                }
                if (!ordered) {
                    outOfOrderBatches++;
                }
            }
        }
        assertThat(events).isGreaterThan(15_000);
        assertThat(types.keySet()).containsAll(Set.of("session_start", "session_end", "level_complete", "level_fail", "currency_earn",
                "currency_spend", "ad_watched", "store_view", "offer_shown", "offer_click", "purchase"));
        assertThat(duplicates).as("re-sent events").isGreaterThan(0);
        assertThat(outOfOrderBatches).as("shuffled batches").isGreaterThan(0);
    }
}
