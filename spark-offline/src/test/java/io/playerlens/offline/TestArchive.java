package io.playerlens.offline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.archive.ArchiveFileWriter;
import io.playerlens.contracts.archive.ArchiveLayout;
import io.playerlens.contracts.codec.BatchCodec;
import io.playerlens.contracts.quarantine.QuarantineEntry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A small generated archive for the job tests: players playing over a few days, their clients' batches archived by
 * arrival hour as multi-member gzip files, with duplicates (a batch sent twice), shuffled batches, and late batches
 * (arriving a day after their events, so they land in a later partition). {@link #events} keeps every event sent,
 * duplicates included, for the tests' own independent computations.
 */
final class TestArchive {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Instant DAY_1 = Instant.parse("2026-11-20T00:00:00Z");
    static final String GAME = "test-game";
    static final String[] OFFERS = {"starter_pack", "coin_pack", "gems_500", "vip_bundle"};

    final List<ObjectNode> events = new ArrayList<>();
    private final Random random;
    private final ArchiveFileWriter writer;
    private final BatchCodec codec = new BatchCodec();

    TestArchive(Path root, long seed) {
        this.random = new Random(seed);
        this.writer = new ArchiveFileWriter(root, ArchiveLayout.RAW, "test");
    }

    /** {@code players} players, each playing sessions on {@code days} days from DAY_1. */
    TestArchive play(int players, int days) {
        for (int p = 0; p < players; p++) {
            String player = "player-" + p;
            boolean payer = p % 3 == 0;
            for (int day = 0; day < days; day++) {
                if (day > 0 && random.nextInt(3) == 0) {
                    continue; // not every player comes back every day
                }
                long t = DAY_1.toEpochMilli() + day * 86_400_000L + (8 + random.nextInt(10)) * 3_600_000L + random.nextInt(3_600_000);
                session(player, t, payer);
            }
        }
        writer.flush();
        return this;
    }

    private void session(String player, long start, boolean payer) {
        String session = UUID.randomUUID().toString();
        List<ObjectNode> batch = new ArrayList<>();
        long t = start;
        batch.add(event(player, session, "session_start", t, "platform", random.nextBoolean() ? "ios" : "android", "country",
                random.nextBoolean() ? "DE" : "JP", "app_version", "1.0.0"));
        String shown = null;
        int actions = 5 + random.nextInt(15);
        for (int i = 0; i < actions; i++) {
            t += 1000 + random.nextInt(60_000);
            int roll = random.nextInt(100);
            if (roll < 30) {
                batch.add(event(player, session, "level_complete", t, "level", 1 + random.nextInt(40)));
            } else if (roll < 50) {
                batch.add(event(player, session, "currency_earn", t, "amount", 5 * (1 + random.nextInt(10)), "currency_type", "coins"));
            } else if (roll < 65) {
                shown = OFFERS[random.nextInt(OFFERS.length)];
                batch.add(event(player, session, "offer_shown", t, "offer_id", shown, "placement", "store", "model",
                        random.nextBoolean() ? "starter-heuristic" : "store-logreg"));
            } else if (roll < 75 && shown != null) {
                batch.add(event(player, session, "offer_click", t, "offer_id", shown, "placement", "store"));
            } else if (roll < 85 && payer && shown != null) {
                batch.add(event(player, session, "purchase", t, "sku", shown, "price_cents", 99 + 100 * random.nextInt(10), "currency", "USD"));
            } else {
                batch.add(event(player, session, "store_view", t));
            }
            if (batch.size() == 10) {
                send(batch, t);
                batch = new ArrayList<>();
            }
        }
        t += 1000;
        batch.add(event(player, session, "session_end", t, "duration_s", (t - start) / 1000));
        send(batch, t);
    }

    ObjectNode event(String player, String session, String type, long ts, Object... props) {
        ObjectNode e = MAPPER.createObjectNode();
        e.put("event_id", UUID.randomUUID().toString());
        e.put("player_id", player);
        e.put("game_id", GAME);
        e.put("type", type);
        e.put("ts", ts);
        if (session != null) {
            e.put("session_id", session);
        }
        ObjectNode p = e.putObject("props");
        for (int i = 0; i < props.length; i += 2) {
            p.putPOJO((String) props[i], props[i + 1]);
        }
        return e;
    }

    /** Archives one client batch: usually on time, sometimes shuffled, late (next day) or sent twice. */
    void send(List<ObjectNode> batch, long lastTs) {
        long arrival = lastTs + 200 + random.nextInt(2000);
        int roll = random.nextInt(100);
        if (roll < 20) {
            Collections.shuffle(batch, random);
        }
        if (roll >= 20 && roll < 25) {
            arrival += 86_400_000L; // a client that was offline: the batch lands in the next day's partition
        }
        archive(batch, arrival);
        if (roll >= 25 && roll < 30) {
            archive(batch, arrival + 5000); // a retry after a lost response: the same events again
        }
    }

    void archive(List<ObjectNode> batch, long arrival) {
        ByteArrayOutputStream ndjson = new ByteArrayOutputStream();
        for (ObjectNode e : batch) {
            ObjectNode stamped = e.deepCopy();
            stamped.put("received_at", arrival);
            events.add(stamped);
            ndjson.writeBytes(stamped.toString().getBytes(StandardCharsets.UTF_8));
            ndjson.write('\n');
        }
        byte[] bytes = ndjson.toByteArray();
        writer.append(Instant.ofEpochMilli(arrival), codec.encode(bytes, 0, bytes.length));
    }

    /** Closes the files written so far (the archive's objects appear). */
    void flush() {
        writer.flush();
    }

    /** An erasure of {@code player} written by the platform at {@code at}, as the profile API writes it. */
    void erase(String player, long at) {
        ObjectNode e = event(player, null, "player_erased", at, "requested_by", GAME);
        archive(List.of(e), at);
        writer.flush();
    }

    /**
     * Quarantine entries as ingest and the feature job write them: an event refused at ingest and an undecodable
     * record's dead letter (whose bytes hold a line of the player's), each of {@code player}.
     */
    void quarantine(Path root, String player, long at) {
        ObjectNode refused = event(player, null, "purchase", at, "price_cents", -1);
        byte[] line = (event(player, null, "store_view", at).toString() + "\nnot json").getBytes(StandardCharsets.UTF_8);
        byte[] foreign = codec.encode(line, 0, line.length);
        try (ArchiveFileWriter quarantine = new ArchiveFileWriter(root, ArchiveLayout.QUARANTINE, "test-" + player)) {
            quarantine.append(Instant.ofEpochMilli(at), codec.encodeLines(List.of(
                    QuarantineEntry.rejectedAtIngest(refused, 0, "props.price_cents: must be >= 0", GAME, "r-1", at).toJson().toString()
                            .getBytes(StandardCharsets.UTF_8),
                    QuarantineEntry.undecodableRecord(foreign, "line 2 is not JSON", at).toJson().toString().getBytes(StandardCharsets.UTF_8))));
        }
    }

    /** Every event once (first arrival), as the jobs see them. */
    List<ObjectNode> distinctEvents() {
        Map<String, ObjectNode> first = new java.util.LinkedHashMap<>();
        for (ObjectNode e : events) {
            first.merge(e.get("event_id").asText(), e, (a, b) -> a.get("received_at").asLong() <= b.get("received_at").asLong() ? a : b);
        }
        return new ArrayList<>(first.values());
    }
}
