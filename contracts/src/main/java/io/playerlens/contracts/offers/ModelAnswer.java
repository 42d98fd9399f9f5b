package io.playerlens.contracts.offers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A model Lambda's answer to the offers API: ranked offers, or the machine-readable reason it has none
 * ({@link FallbackReason}). The JSON form is the model Lambda's response payload.
 */
public final class ModelAnswer {
    private final String model;
    private final String modelVersion;
    private final List<ScoredOffer> offers;
    private final String failure;

    public ModelAnswer(String model, String modelVersion, List<ScoredOffer> offers, String failure) {
        this.model = model;
        this.modelVersion = modelVersion;
        this.offers = offers;
        this.failure = failure;
    }

    public String model() {
        return model;
    }

    public String modelVersion() {
        return modelVersion;
    }

    public List<ScoredOffer> offers() {
        return offers;
    }

    public String failure() {
        return failure;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ModelAnswer)) {
            return false;
        }
        ModelAnswer that = (ModelAnswer) o;
        return java.util.Objects.equals(model, that.model) && java.util.Objects.equals(modelVersion, that.modelVersion) && java.util.Objects.equals(offers, that.offers) && java.util.Objects.equals(failure, that.failure);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(model, modelVersion, offers, failure);
    }

    @Override
    public String toString() {
        return "ModelAnswer[" + "model=" + model + ", " + "modelVersion=" + modelVersion + ", " + "offers=" + offers + ", " + "failure=" + failure + "]";
    }


    public static ModelAnswer ok(String model, String version, List<ScoredOffer> offers) {
        return new ModelAnswer(model, version, List.copyOf(offers), null);
    }

    public static ModelAnswer failed(String model, String version, String reason) {
        return new ModelAnswer(model, version, List.of(), reason);
    }

    public boolean succeeded() {
        return failure == null;
    }

    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("model", model);
        json.put("model_version", modelVersion);
        if (failure != null) {
            json.put("failure", failure);
        }
        json.set("offers", OfferJson.writeScored(offers));
        return json;
    }

    public static ModelAnswer fromJson(JsonNode json) {
        List<ScoredOffer> offers = new ArrayList<>();
        for (JsonNode o : json.path("offers")) {
            offers.add(OfferJson.readScored(o));
        }
        return new ModelAnswer(json.path("model").asText(null), json.path("model_version").asText(null), offers,
                json.hasNonNull("failure") ? json.get("failure").asText() : null);
    }
}
