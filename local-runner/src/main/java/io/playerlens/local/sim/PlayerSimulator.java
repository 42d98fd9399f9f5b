package io.playerlens.local.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A population of simulated players and the batches their game clients send, with the habits of real mobile
 * clients: batches of a few seconds of play, sometimes shuffled (events queued from several threads), sometimes
 * sent twice (a retry after a timeout whose first attempt did arrive), sometimes held back and sent late (the
 * phone was offline). Deterministic for a seed.
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

    /**
     * The bodies ({@code {"events":[...]}}) clients send now: one player's next batch, plus a duplicate or an
     * offline batch coming back when the dice say so.
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

    private static ObjectNode body(List<ObjectNode> events) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode array = body.putArray("events");
        events.forEach(array::add);
        return body;
    }
}
