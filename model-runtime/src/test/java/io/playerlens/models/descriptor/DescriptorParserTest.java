package io.playerlens.models.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per descriptor rule, each pinning the message a data scientist reads. */
class DescriptorParserTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path folder;

    private ObjectNode valid() throws Exception {
        Files.write(folder.resolve("model.onnx"), new byte[] {1});
        return (ObjectNode) MAPPER.readTree("""
                {"name": "my-model", "version": "3", "placements": ["store"], "type": "onnx", "model_file": "model.onnx",
                 "features": [{"name": "events_total", "missing": 0}, {"name": "spend_total_cents", "missing": 0, "scale": 100}],
                 "offers": [{"offer_id": "a", "sku": "sku-a", "price_cents": 99}, {"offer_id": "b", "sku": "sku-b", "price_cents": 499}],
                 "output": {"name": "output", "offers": ["b", "a"]},
                 "top_k": 2, "latency_budget_ms": 50, "default_offers": ["a"]}""");
    }

    private List<String> problems(ObjectNode json) {
        try {
            DescriptorParser.parse(json, folder);
        } catch (DescriptorException e) {
            return e.problems();
        }
        throw new AssertionError("expected the descriptor to be refused");
    }

    @Test
    void validDescriptor_isParsed() throws Exception {
        ModelDescriptor d = DescriptorParser.parse(valid(), folder);
        assertThat(d.name()).isEqualTo("my-model");
        assertThat(d.features()).extracting(ModelDescriptor.FeatureInput::name).containsExactly("events_total", "spend_total_cents");
        assertThat(d.features().get(1).scale()).isEqualTo(100);
        assertThat(d.output().offers()).containsExactly("b", "a");
        assertThat(d.output().positional()).isTrue();
        assertThat(d.defaults()).extracting(o -> o.offerId()).containsExactly("a");
    }

    @Test
    void anOfferListedTwice_isRefused_notServedTwice() throws Exception {
        ObjectNode json = valid();
        ((com.fasterxml.jackson.databind.node.ArrayNode) json.get("offers")).add(json.get("offers").get(0).deepCopy());
        assertThat(problems(json)).containsExactly("offers: offer_id a is listed twice");
        ObjectNode defaults = valid();
        ((com.fasterxml.jackson.databind.node.ArrayNode) defaults.get("default_offers")).add("a");
        assertThat(problems(defaults)).containsExactly("default_offers: a is listed twice (it would be served twice)");
        ObjectNode output = valid();
        ((com.fasterxml.jackson.databind.node.ArrayNode) output.get("output").get("offers")).add("b");
        assertThat(problems(output)).containsExactly("output.offers: b is listed twice (each score is one offer)");
    }

    @Test
    void missingAsNaN_isAccepted_asTreeLibrariesSpellIt_andFeedsNaN() throws Exception {
        Path file = folder.resolve(DescriptorParser.FILE);
        String json = valid().toString().replace("{\"name\":\"events_total\",\"missing\":0}", "{\"name\":\"events_total\",\"missing\":NaN}")
                .replace("\"missing\":0,\"scale\":100", "\"missing\":\"NaN\",\"scale\":100");
        Files.writeString(file, json);
        ModelDescriptor d = DescriptorParser.read(folder);
        assertThat(d.features()).allMatch(f -> Double.isNaN(f.missing()));
        assertThat(io.playerlens.models.runtime.FeatureVectors.assemble(d, java.util.Map.of("events_total", 4L)))
                .satisfies(v -> assertThat(v[0]).isEqualTo(4f), v -> assertThat(Float.isNaN(v[1])).as("absent: NaN").isTrue());
        ObjectNode notANumber = valid();
        ((ObjectNode) notANumber.get("features").get(0)).put("missing", "none");
        assertThat(problems(notANumber)).singleElement().asString().contains("needs a numeric \"missing\"");
    }

    @Test
    void missingName() throws Exception {
        ObjectNode json = valid();
        json.remove("name");
        assertThat(problems(json)).containsExactly("name is required (a string)");
    }

    @Test
    void badName() throws Exception {
        assertThat(problems(valid().put("name", "My Model"))).containsExactly("name must be 1-48 characters of [a-z0-9-], starting with a letter or digit");
    }

    @Test
    void missingVersion() throws Exception {
        ObjectNode json = valid();
        json.remove("version");
        assertThat(problems(json)).containsExactly("version is required (a string)");
    }

    @Test
    void noPlacements() throws Exception {
        ObjectNode json = valid();
        json.putArray("placements");
        assertThat(problems(json)).containsExactly("placements must be a non-empty list of placement names");
    }

    @Test
    void unknownType() throws Exception {
        assertThat(problems(valid().put("type", "pickle"))).containsExactly("type must be \"onnx\" or \"java\", got \"pickle\"");
    }

    @Test
    void featureNotInTheProfile() throws Exception {
        ObjectNode json = valid();
        ((ArrayNode) json.get("features")).addObject().put("name", "favourite_colour").put("missing", 0);
        assertThat(problems(json)).singleElement().asString().startsWith("features: 'favourite_colour' is not a profile feature; known: ads_watched_1h, coins_balance, country");
    }

    @Test
    void featureListedTwice() throws Exception {
        ObjectNode json = valid();
        ((ArrayNode) json.get("features")).addObject().put("name", "events_total").put("missing", 0);
        assertThat(problems(json)).containsExactly("features: 'events_total' is listed twice");
    }

    @Test
    void featureWithoutFillValue() throws Exception {
        ObjectNode json = valid();
        ((ObjectNode) json.get("features").get(0)).remove("missing");
        assertThat(problems(json)).containsExactly("features: 'events_total' needs a numeric \"missing\" (the value used when a profile lacks it;"
                + " NaN or \"NaN\" for models that treat missing values themselves, as tree libraries do)");
    }

    @Test
    void nonPositiveScale() throws Exception {
        ObjectNode json = valid();
        ((ObjectNode) json.get("features").get(1)).put("scale", 0);
        assertThat(problems(json)).containsExactly("features: scale of 'spend_total_cents' must be a number > 0");
    }

    @Test
    void noOffers() throws Exception {
        ObjectNode json = valid();
        json.putArray("offers");
        assertThat(problems(json)).contains("offers must be a non-empty list of {\"offer_id\", \"sku\", \"price_cents\"}");
    }

    @Test
    void offerWithoutSku() throws Exception {
        ObjectNode json = valid();
        ((ObjectNode) json.get("offers").get(0)).remove("sku");
        assertThat(problems(json)).contains("offers: every offer needs an offer_id and a sku (strings)");
    }

    @Test
    void negativePrice() throws Exception {
        ObjectNode json = valid();
        ((ObjectNode) json.get("offers").get(1)).put("price_cents", -1);
        assertThat(problems(json)).contains("offers: price_cents of b must be an integer >= 0");
    }

    @Test
    void duplicateOffer() throws Exception {
        ObjectNode json = valid();
        ((ArrayNode) json.get("offers")).addObject().put("offer_id", "a").put("sku", "x").put("price_cents", 1);
        assertThat(problems(json)).containsExactly("offers: offer_id a is listed twice");
    }

    @Test
    void aModelFileOutsideTheFolder_isRefused() throws Exception {
        assertThat(problems(valid().put("model_file", "../../model.onnx")))
                .containsExactly("model_file ../../model.onnx must be inside the model folder (it is deployed alone)");
    }

    @Test
    void missingModelFile() throws Exception {
        assertThat(problems(valid().put("model_file", "nope.onnx"))).containsExactly("model_file nope.onnx does not exist in " + folder);
    }

    @Test
    void missingOutputMapping() throws Exception {
        ObjectNode json = valid();
        json.remove("output");
        assertThat(problems(json)).singleElement().asString().startsWith("output must be {\"name\": <ONNX output>, \"offers\": [offer_id of each"
                + " score, in output order] or {<column or map key>: offer_id}}, or {\"name\": <ONNX output>, \"per_offer\": true");
    }

    @Test
    void outputOfferNotInOffers() throws Exception {
        ObjectNode json = valid();
        ((ArrayNode) json.get("output").get("offers")).add("c");
        assertThat(problems(json)).containsExactly("output.offers: c is not in offers");
    }

    @Test
    void javaModelWithoutClass() throws Exception {
        ObjectNode json = valid().put("type", "java");
        assertThat(problems(json)).containsExactly("class is required (a string)");
    }

    @Test
    void topKOutOfRange() throws Exception {
        assertThat(problems(valid().put("top_k", 3))).containsExactly("top_k must be between 1 and the number of offers (2)");
    }

    @Test
    void latencyBudgetOutOfRange() throws Exception {
        assertThat(problems(valid().put("latency_budget_ms", 5000))).containsExactly("latency_budget_ms must be between 1 and 1000");
    }

    @Test
    void defaultOfferNotInOffers() throws Exception {
        ObjectNode json = valid();
        json.putArray("default_offers").add("zzz");
        assertThat(problems(json)).containsExactly("default_offers: zzz is not in offers");
    }

    @Test
    void everyMistake_isReportedAtOnce() throws Exception {
        ObjectNode json = valid().put("top_k", 0).put("latency_budget_ms", 0);
        json.remove("version");
        assertThat(problems(json)).hasSize(3);
    }

    @Test
    void missingFile_isNamed() {
        assertThatThrownBy(() -> DescriptorParser.read(folder.resolve("nothing-here")))
                .isInstanceOf(DescriptorException.class).hasMessageEndingWith("model.json is missing");
    }

    @Test
    void textFeatures_takeATextMissing_offerAttributes_needPerOfferScoring() throws Exception {
        ObjectNode text = valid();
        ((ArrayNode) text.get("features")).addObject().put("name", "platform").put("missing", 0);
        assertThat(problems(text)).containsExactly("features: 'platform' is text (e.g. \"ios\"); its \"missing\" must be text too, the category"
                + " a profile without it gets (e.g. \"unknown\")");
        ObjectNode offer = valid();
        ((ArrayNode) offer.get("features")).addObject().put("offer", "price_cents");
        assertThat(problems(offer)).containsExactly("features: an offer's attribute is read when each offer is scored on its own; set"
                + " output.per_offer to true");
        ObjectNode unknown = valid();
        ((ArrayNode) unknown.get("features")).addObject().put("offer", "colour");
        assertThat(problems(unknown)).containsExactly("features: {\"offer\": \"colour\"} is not an offer attribute; known: offer_id, sku, price_cents");
        ObjectNode perOffer = valid();
        ((ArrayNode) perOffer.get("features")).addObject().put("offer", "offer_id");
        ((ArrayNode) perOffer.get("features")).addObject().put("name", "platform").put("missing", "unknown").put("input", "platform");
        perOffer.set("output", MAPPER.readTree("{\"name\": \"probabilities\", \"per_offer\": true, \"class\": 1}"));
        ModelDescriptor d = DescriptorParser.parse(perOffer, folder);
        assertThat(d.output().scoring()).isEqualTo(ModelDescriptor.Scoring.PER_OFFER);
        assertThat(d.output().positiveClass()).isEqualTo("1");
        assertThat(d.features()).extracting(ModelDescriptor.FeatureInput::label)
                .containsExactly("events_total", "spend_total_cents", "offer.offer_id", "platform");
        assertThat(d.features().get(3).input()).isEqualTo("platform");
        assertThat(d.profileFeatures()).hasSize(3);
    }
}
