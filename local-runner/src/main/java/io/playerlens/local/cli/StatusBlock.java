package io.playerlens.local.cli;

import io.playerlens.local.platform.LocalGames;
import io.playerlens.local.platform.LocalPlatform;

/** The one status block {@code up} prints: where things are and how to use them. */
final class StatusBlock {
    private StatusBlock() {
    }

    static String render(LocalPlatform platform, long startupMillis) {
        String base = platform.baseUrl().toString();
        return String.join("\n",
                "",
                "playerlens is running (started in " + startupMillis + " ms)",
                "  API base URL     " + base,
                "  API key          " + platform.options().apiKey() + "   (header x-api-key; game id " + platform.options().games().first().gameId() + ")"
                        + otherGames(platform.options().games()),
                "  Dashboard        " + base + "/dashboard",
                "  Health           " + base + "/health",
                "  Send events      POST " + base + "/v1/events",
                "  Profiles         GET  " + base + "/v1/players/{player_id}/profile   (DELETE /v1/players/{player_id} erases)",
                "  Offers           GET  " + base + "/v1/players/{player_id}/offers?placement=store   models: "
                        + String.join(", ", platform.models().services().keySet())
                        + (platform.models().problems().isEmpty() ? "" : "   NOT SERVED: " + platform.models().problems().keySet()),
                "  Feature job      Flink MiniCluster, parallelism " + platform.options().parallelism() + ", table "
                        + LocalPlatform.PROFILES_TABLE,
                "  Kinesis (mock)   " + platform.aws().kinesisEndpoint() + "   streams " + LocalPlatform.EVENTS_STREAM
                        + " (" + platform.options().shards() + " shards), " + LocalPlatform.QUARANTINE_STREAM,
                "  DynamoDB (mock)  " + platform.aws().dynamoDbEndpoint(),
                "  Raw archive      " + LocalPlatform.archiveDir(platform.options()) + "/raw/dt=YYYY-MM-DD/hour=HH/ (a file every "
                        + LocalPlatform.ARCHIVE_BUFFER.toSeconds() + " s, as Firehose; ./playerlens offline reads it)",
                "",
                "Try:",
                "  curl -s -X POST " + base + "/v1/events -H 'x-api-key: " + platform.options().apiKey() + "' \\",
                "    -H 'content-type: application/json' \\",
                "    -d '{\"events\":[{\"event_id\":\"0b9d5c7e-6f0a-4a43-9d5b-3d7f1b2a9c11\",\"player_id\":\"p-1\",\"type\":\"store_view\",\"ts\":"
                        + System.currentTimeMillis() + ",\"props\":{}}]}'",
                "",
                "Ctrl-C stops everything.");
    }

    private static String otherGames(LocalGames games) {
        StringBuilder more = new StringBuilder();
        for (LocalGames.Game game : games.all().subList(1, games.all().size())) {
            more.append("\n                   ").append(game.apiKey()).append("   (game id ").append(game.gameId()).append(')');
        }
        games.all().stream().filter(g -> g.eventsPerSecond().isPresent()).forEach(g -> more.append("\n  Ingest limit     ")
                .append(g.gameId()).append(": ").append(String.format("%,.0f", g.eventsPerSecond().getAsDouble())).append(" events/s"));
        return more.toString();
    }
}
