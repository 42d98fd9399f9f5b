package io.playerlens.local.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.event.PlayerKey;
import io.playerlens.contracts.offers.ModelAnswer;
import io.playerlens.contracts.offers.Placement;
import io.playerlens.contracts.profile.ProfileItem;
import io.playerlens.local.gateway.LocalGateway;
import io.playerlens.local.metrics.LiveMetrics;
import io.playerlens.local.models.LocalModels;
import io.playerlens.offers.PlacementSource;
import io.playerlens.offers.VariantAssigner;
import io.playerlens.store.ProfileStore;
import io.playerlens.store.StoredProfile;
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
 * profile and what every model would offer that player; {@code ID} is {@code game/player}, or a player id of the
 * first game the stack serves).
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
    private final PlacementSource placements;
    private final String defaultGame;

    public DashboardEndpoint(LiveMetrics metrics, DynamoDbClient dynamo, String profilesTable, LocalModels models, PlacementSource placements,
                             String defaultGame) {
        this.defaultGame = defaultGame;
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
        String id = URLDecoder.decode(encodedId, StandardCharsets.UTF_8);
        PlayerKey player;
        try {
            player = id.indexOf(PlayerKey.SEPARATOR) >= 0 ? PlayerKey.parse(id) : PlayerKey.of(defaultGame, id);
        } catch (IllegalArgumentException e) {
            return LocalGateway.Response.json(400, mapper.writeValueAsString(Map.of("message", "a player is game/player or a player id of "
                    + defaultGame + ": " + e.getMessage())));
        }
        ObjectNode body = mapper.createObjectNode();
        body.put("game_id", player.gameId());
        body.put("player_id", player.playerId());
        Optional<StoredProfile> stored = ProfileStore.read(dynamo, profilesTable, player);
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
        for (Placement placement : placements.current().all().values()) {
            String assigned = VariantAssigner.assign(placement, player).map(Placement.Variant::model).orElse(null);
            for (String model : models.services().keySet()) {
                ModelAnswer answer = models.invoke(model, player, placement.name(), placement.budget());
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
