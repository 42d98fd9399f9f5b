package io.playerlens.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A population of simulated players and the batches their games send. Two traffic shapes:
 * <ul>
 *   <li><b>client batches</b> ({@link #nextRequests}, {@link #clientBatch}): one player's last seconds of play, with
 *       the habits of real mobile clients — sometimes shuffled (events queued from several threads), sometimes sent
 *       twice (a retry after a timeout whose first attempt did arrive), sometimes held back and sent late (the phone
 *       was offline);</li>
 *   <li><b>relay batches</b> ({@link #relayBatch}): a game server relaying a match, a few events of each of many
 *       players in one POST.</li>
 * </ul>
 * Deterministic for a seed.
 */
public final class PlayerSimulator {
    /** Share of batches sent twice, shuffled, and held back to be sent later. */
    static final double DUPLICATE_RATE = 0.03;
    static final double SHUFFLE_RATE = 0.2;
    static final double LATE_RATE = 0.02;

    private final Random random;
    private final List<SimulatedPlayer> players = new ArrayList<>();
    private final List<ObjectNode> heldBack = new ArrayList<>();
    private int next;

    public PlayerSimulator(long seed, int playerCount, String playerPrefix) {
        this.random = new Random(seed);
        for (int i = 0; i < playerCount; i++) {
            players.add(new SimulatedPlayer(playerPrefix + i, random));
        }
    }

    public int players() {
        return players.size();
    }

    public SimulatedPlayer player(int index) {
        return players.get(Math.floorMod(index, players.size()));
    }

    /**
     * The bodies ({@code {"events":[...]}}) clients send now: the next player's batch (round robin), plus a duplicate
     * or an offline batch coming back when the dice say so.
     */
    public List<ObjectNode> nextRequests(long now, int batchSize) {
        SimulatedPlayer player = players.get(next++ % players.size());
        List<ObjectNode> events = player.play(now, batchSize);
        if (random.nextDouble() < SHUFFLE_RATE) {
            Collections.shuffle(events, random);
        }
        List<ObjectNode> requests = new ArrayList<>();
        ObjectNode body = body(events);
        if (random.nextDouble() < LATE_RATE) {
            heldBack.add(body);
            return requests;
        }
        requests.add(body);
        if (random.nextDouble() < DUPLICATE_RATE) {
            requests.add(body.deepCopy());
        }
        if (!heldBack.isEmpty() && random.nextDouble() < 0.1) {
            requests.add(heldBack.remove(0));
        }
        return requests;
    }

    /** One player's batch of {@code size} events ending at {@code now}, in order, nothing held back or repeated. */
    public ObjectNode clientBatch(int playerIndex, long now, int size) {
        return body(player(playerIndex).play(now, size));
    }

    /**
     * A game server's batch: {@code eventsEach} events of each of {@code playerCount} players starting at
     * {@code firstPlayer} (each player's events in order, players interleaved as a server's queue holds them).
     */
    public ObjectNode relayBatch(int firstPlayer, int playerCount, long now, int eventsEach) {
        List<List<ObjectNode>> perPlayer = new ArrayList<>(playerCount);
        for (int i = 0; i < playerCount; i++) {
            perPlayer.add(player(firstPlayer + i).play(now, eventsEach));
        }
        List<ObjectNode> interleaved = new ArrayList<>(playerCount * eventsEach);
        for (int e = 0; e < eventsEach; e++) {
            for (List<ObjectNode> events : perPlayer) {
                if (e < events.size()) {
                    interleaved.add(events.get(e));
                }
            }
        }
        return body(interleaved);
    }

    /** {@code {"events": [...]}} */
    public static ObjectNode body(List<ObjectNode> events) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode array = body.putArray("events");
        events.forEach(array::add);
        return body;
    }
}
