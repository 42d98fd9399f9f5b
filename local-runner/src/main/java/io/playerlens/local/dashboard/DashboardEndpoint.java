package io.playerlens.local.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.offers.ModelAnswer;
import io.playerlens.contracts.profile.ProfileItem;
import io.playerlens.store.ProfileStore;
import io.playerlens.store.StoredProfile;
import io.playerlens.local.gateway.LocalGateway;
import io.playerlens.local.metrics.LiveMetrics;
import io.playerlens.local.models.LocalModels;
import io.playerlens.contracts.offers.Placement;
import io.playerlens.contracts.offers.Placements;
import io.playerlens.offers.VariantAssigner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code /dashboard}: the static page (from the jar, charting library included) and the JSON it polls —
 * {@code api/metrics?since=T} (the {@link LiveMetrics} points newer than T) and {@code api/players/ID} (a
 * profile and what every model would offer that player).
 */
public final class DashboardEndpoint implements LocalGateway.LocalEndpoint {
    public static final String PATH = "/dashboard";
    private static final String RESOURCES = "playerlens/dashboard/";
    private static final Pattern FILE = Pattern.compile("[a-zA-Z0-9_.-]+(/[a-zA-Z0-9_.-]+)*");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "png", "image/png", "svg", "image/svg+xml");

    private final ObjectMapper mapper = new ObjectMapper();
    private final LiveMetrics metrics;
    private final DynamoDbClient dynamo;
    private final String profilesTable;
    private final LocalModels models;
    private final Placements placements;

    public DashboardEndpoint(LiveMetrics metrics, DynamoDbClient dynamo, String profilesTable, LocalModels models, Placements placements) {
        this.metrics = metrics;
        this.dynamo = dynamo;
        this.profilesTable = profilesTable;
        this.models = models;
        this.placements = placements;
    }

    @Override
    public LocalGateway.Response handle(String method, String path, String query) {
        if (!method.equals("GET")) {
            return LocalGateway.Response.json(405, "{\"message\":\"the dashboard is read-only\"}");
        }
        String rest = path.length() <= PATH.length() ? "" : path.substring(PATH.length() + 1);
        try {
            if (rest.isEmpty()) {
                return file("index.html");
            }
            if (rest.equals("api/metrics")) {
                return metrics(query);
            }
            if (rest.startsWith("api/players/")) {
                return player(rest.substring("api/players/".length()));
            }
            return file(rest);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private LocalGateway.Response metrics(String query) throws JsonProcessingException {
        long since = 0;
        if (query != null && query.startsWith("since=")) {
            try {
                since = Long.parseLong(query.substring("since=".length()));
            } catch (NumberFormatException e) {
                return LocalGateway.Response.json(400, "{\"message\":\"since must be epoch milliseconds\"}");
            }
        }
        ObjectNode body = mapper.createObjectNode();
        body.put("cores", Runtime.getRuntime().availableProcessors());
        body.putPOJO("models", models.services().keySet());
        body.putPOJO("points", metrics.since(since));
        return LocalGateway.Response.json(200, mapper.writeValueAsString(body));
    }

    private LocalGateway.Response player(String encodedId) throws JsonProcessingException {
        String playerId = URLDecoder.decode(encodedId, StandardCharsets.UTF_8);
        if (playerId.isBlank() || playerId.length() > 128) {
            return LocalGateway.Response.json(400, "{\"message\":\"player id must be 1 to 128 characters\"}");
        }
        ObjectNode body = mapper.createObjectNode();
        body.put("player_id", playerId);
        Optional<StoredProfile> stored = ProfileStore.read(dynamo, profilesTable, playerId);
        if (stored.isEmpty()) {
            body.putNull("profile");
        } else {
            ObjectNode profile = body.putObject("profile");
            profile.putPOJO("features", stored.get().features());
            profile.put(ProfileItem.RECEIVED_AT, stored.get().receivedAt());
            if (stored.get().processedAt() > 0) {
                profile.put(ProfileItem.PROCESSED_AT, stored.get().processedAt());
            }
            profile.put(ProfileItem.UPDATED_AT, stored.get().updatedAt());
            if (!stored.get().problems().isEmpty()) {
                profile.putPOJO("problems", stored.get().problems());
            }
        }
        ArrayNode answers = body.putArray("offers");
        for (Placement placement : placements.all().values()) {
            String assigned = VariantAssigner.assign(placement, playerId).map(Placement.Variant::model).orElse(null);
            for (String model : models.services().keySet()) {
                ModelAnswer answer = models.invoke(model, playerId, placement.name(), placement.budget());
                ObjectNode entry = answer.toJson();
                entry.put("placement", placement.name());
                entry.put("assigned", model.equals(assigned));
                answers.add(entry);
            }
        }
        return LocalGateway.Response.json(200, mapper.writeValueAsString(body));
    }

    private static LocalGateway.Response file(String name) {
        if (!FILE.matcher(name).matches() || name.contains("..")) {
            return LocalGateway.Response.json(404, "{\"message\":\"Not Found\"}");
        }
        try (InputStream in = DashboardEndpoint.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                return LocalGateway.Response.json(404, "{\"message\":\"Not Found\"}");
            }
            String extension = name.substring(name.lastIndexOf('.') + 1);
            return new LocalGateway.Response(200, TYPES.getOrDefault(extension, "application/octet-stream"), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
