package io.playerlens.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playerlens.contracts.offers.Placements;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PromotionTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode file(int... weights) {
        var root = MAPPER.createObjectNode().put("_comment", "kept");
        var store = root.putObject("store").put("salt", "s");
        store.putArray("default_offers").addObject().put("offer_id", "a").put("sku", "a").put("price_cents", 1);
        var variants = store.putArray("variants");
        for (int i = 0; i < weights.length; i++) {
            variants.addObject().put("variant", String.valueOf((char) ('A' + i))).put("model", "m" + i).put("weight", weights[i]);
        }
        return root;
    }

    @Test
    void aNewModel_getsItsOwnVariant_andTheOthersShareTheRest_inProportion() {
        JsonNode promoted = Promotion.promote(file(50, 50), "new-model", "store", 10);
        assertThat(Promotion.describe(promoted.get("store"))).isEqualTo("A=m0 45%, B=m1 45%, C=new-model 10%");
        assertThat(promoted.get("_comment").asText()).isEqualTo("kept");
        assertThat(Placements.parseDeclared(promoted.toString()).get("store")).isPresent();
    }

    @Test
    void anExistingVariant_keepsItsName_andCanBeTakenOutOfRotation() {
        JsonNode promoted = Promotion.promote(file(90, 10), "m1", "store", 0);
        assertThat(Promotion.describe(promoted.get("store"))).isEqualTo("A=m0 100%, B=m1 0%");
    }

    @Test
    void aShadow_servesNoOne_andCanBePromotedLater() {
        JsonNode shadowed = Promotion.shadow(file(50, 50), "candidate", "store");
        assertThat(Promotion.describe(shadowed.get("store"))).isEqualTo("A=m0 50%, B=m1 50%, shadow-candidate=candidate shadow");
        assertThat(Placements.parseDeclared(shadowed.toString()).get("store").orElseThrow().shadows()).hasSize(1);
        JsonNode promoted = Promotion.promote(shadowed, "candidate", "store", 20);
        assertThat(Promotion.describe(promoted.get("store"))).isEqualTo("A=m0 40%, B=m1 40%, shadow-candidate=candidate 20%");
        assertThatThrownBy(() -> Promotion.shadow(file(50, 50), "m0", "store")).hasMessage(
                "m0 serves 50 % of store's players (variant A): take it to --traffic 0 first");
    }

    @Test
    void mistakes_areNamed() {
        assertThatThrownBy(() -> Promotion.promote(file(100), "m0", "home", 10)).hasMessage(
                "placement home is not in placements.json; its placements: [store]");
        assertThatThrownBy(() -> Promotion.promote(file(100), "m0", "store", 10)).hasMessage(
                "m0 would be the only variant of store: it takes 100 % of its players");
        assertThatThrownBy(() -> Promotion.promote(file(100), "x", "store", 101)).hasMessageStartingWith("--traffic is a percentage");
    }

    @Property(tries = 300)
    void weightsAlwaysAddUpTo100_andTheModelGetsExactlyItsTraffic(@ForAll @Size(min = 1, max = 6) java.util.List<@IntRange(max = 100) Integer> raw,
                                                                  @ForAll @IntRange(max = 100) int traffic) {
        int[] weights = raw.stream().mapToInt(Integer::intValue).toArray();
        int sum = java.util.Arrays.stream(weights).sum();
        if (sum == 0) {
            return;
        }
        JsonNode promoted = Promotion.promote(file(weights), "newcomer", "store", traffic);
        int total = 0;
        for (JsonNode v : promoted.get("store").get("variants")) {
            total += v.get("weight").asInt();
            if (v.get("model").asText().equals("newcomer")) {
                assertThat(v.get("weight").asInt()).isEqualTo(traffic);
            }
        }
        assertThat(total).isEqualTo(100);
    }
}
