package io.playerlens.local.platform;

import io.playerlens.contracts.config.Names;
import io.playerlens.contracts.event.PlayerKey;
import io.playerlens.lambda.ApiKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The games a local stack serves, each with its API key and an optional ingest limit: what {@code ./playerlens up
 * --keys FILE} reads. One line per game, {@code <game_id> <api_key> [<events_per_second>]}; {@code #} starts a
 * comment. Without a file: one game, {@code local-game}, with the key {@code dev-key} and no limit.
 *
 * <pre>
 * # game_id      api_key         events/s (optional)
 * space-race     sr-local-key    2000
 * puzzle-quest   pq-local-key
 * </pre>
 *
 * <p>On AWS the keys are hashes in a Secrets Manager secret (docs/deploy.md); here they are plain, since the stack
 * binds to 127.0.0.1 only.
 */
public final class LocalGames {
    /** One game: its key and its ingest limit (events per second accepted; empty = no limit). */
    public record Game(String gameId, String apiKey, OptionalDouble eventsPerSecond) {
    }

    private final Map<String, Game> games;

    private LocalGames(List<Game> games) {
        if (games.isEmpty()) {
            throw new IllegalArgumentException("no games: a keys file needs at least one line <game_id> <api_key>");
        }
        Map<String, Game> byId = new LinkedHashMap<>();
        Map<String, String> byKey = new LinkedHashMap<>();
        for (Game game : games) {
            if (byId.putIfAbsent(game.gameId(), game) != null) {
                throw new IllegalArgumentException("game " + game.gameId() + " is listed twice");
            }
            String other = byKey.putIfAbsent(game.apiKey(), game.gameId());
            if (other != null) {
                throw new IllegalArgumentException("games " + other + " and " + game.gameId() + " share a key: a key belongs to one game");
            }
        }
        this.games = byId;
    }

    /** The default: {@code local-game} with {@code key}, no limit. */
    public static LocalGames single(String key) {
        return new LocalGames(List.of(new Game(Names.LOCAL_GAME_ID, key, OptionalDouble.empty())));
    }

    public static LocalGames of(List<Game> games) {
        return new LocalGames(games);
    }

    /** @throws IllegalArgumentException naming the file, the line and the problem */
    public static LocalGames read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the keys file " + file, e);
        }
        try {
            return parse(lines);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    static LocalGames parse(List<String> lines) {
        List<Game> games = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int comment = line.indexOf('#');
            String[] fields = (comment >= 0 ? line.substring(0, comment) : line).trim().split("\\s+");
            if (fields.length == 1 && fields[0].isEmpty()) {
                continue;
            }
            String where = "line " + (i + 1) + ": ";
            if (fields.length < 2 || fields.length > 3) {
                throw new IllegalArgumentException(where + "expected <game_id> <api_key> [<events_per_second>]");
            }
            if (!PlayerKey.isValidGameId(fields[0])) {
                throw new IllegalArgumentException(where + PlayerKey.GAME_ID_RULE);
            }
            if (fields[1].length() < 6) {
                throw new IllegalArgumentException(where + "the API key of " + fields[0] + " must be at least 6 characters");
            }
            OptionalDouble limit = OptionalDouble.empty();
            if (fields.length == 3) {
                double rate;
                try {
                    rate = Double.parseDouble(fields[2]);
                } catch (NumberFormatException e) {
                    rate = Double.NaN;
                }
                if (!(rate > 0) || Double.isInfinite(rate)) {
                    throw new IllegalArgumentException(where + "events_per_second of " + fields[0] + " must be a positive number");
                }
                limit = OptionalDouble.of(rate);
            }
            games.add(new Game(fields[0], fields[1], limit));
        }
        return new LocalGames(games);
    }

    /** The first game listed: the one the status block, the simulator and the bench use. */
    public Game first() {
        return games.values().iterator().next();
    }

    public List<Game> all() {
        return List.copyOf(games.values());
    }

    public Optional<Game> game(String gameId) {
        return Optional.ofNullable(games.get(gameId));
    }

    /** {@code GAME_EVENT_LIMITS}, as ingest reads it: {@code game_id:rate,...} of the games with a limit. */
    public String limits() {
        List<String> pairs = new ArrayList<>();
        games.values().forEach(g -> g.eventsPerSecond().ifPresent(rate -> pairs.add(g.gameId() + ":" + rate)));
        return String.join(",", pairs);
    }

    /** {@code API_KEY_HASHES}, as the Lambdas read it: {@code game_id:sha256hex,...}. */
    public String hashes() {
        List<String> pairs = new ArrayList<>();
        games.values().forEach(g -> pairs.add(g.gameId() + ":" + ApiKeys.sha256Hex(g.apiKey())));
        return String.join(",", pairs);
    }
}
