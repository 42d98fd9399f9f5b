package io.playerlens.ingest;

import static io.playerlens.contracts.event.EventFields.EVENT_ID;
import static io.playerlens.contracts.event.EventFields.PLAYER_ID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.codec.PackedRecord;
import io.playerlens.contracts.codec.RecordPacker;
import io.playerlens.contracts.event.EventValidator;
import io.playerlens.contracts.event.PlayerKey;
import io.playerlens.contracts.event.ValidationResult;
import io.playerlens.contracts.quarantine.QuarantineEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates a parsed batch, sends rejects (with their reasons) to the quarantine stream and accepted events to
 * the events stream. Quarantine goes first: if it fails the request fails, so a reject is never lost behind
 * a 200. A 503 may follow a partial put; clients resend the batch and the feature job dedupes by event_id.
 */
final class IngestService {
    private final EventValidator validator;
    private final RecordPacker packer;
    private final KinesisPublisher publisher;
    private final IngestConfig config;
    private final ObjectMapper mapper;

    private final ShardMaps shardMaps;

    IngestService(EventValidator validator, RecordPacker packer, KinesisPublisher publisher, ShardMaps shardMaps, IngestConfig config,
                  ObjectMapper mapper) {
        this.shardMaps = shardMaps;
        this.validator = validator;
        this.packer = packer;
        this.publisher = publisher;
        this.config = config;
        this.mapper = mapper;
    }

    IngestResult ingest(List<EventBatchParser.RawEvent> events, String gameId, String requestId, long receivedAtMillis) {
        List<ObjectNode> accepted = new ArrayList<>(events.size());
        List<IngestResult.Rejection> rejections = new ArrayList<>();
        List<ObjectNode> quarantine = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            EventBatchParser.RawEvent raw = events.get(i);
            ValidationResult result = validator.validate(raw.node(), raw.bytes(), gameId, receivedAtMillis);
            if (result instanceof ValidationResult.Accepted ok) {
                accepted.add(ok.event());
            } else {
                String error = ((ValidationResult.Rejected) result).error();
                String eventId = raw.node().isObject() && raw.node().path(EVENT_ID).isTextual() ? raw.node().get(EVENT_ID).asText() : null;
                rejections.add(new IngestResult.Rejection(i, eventId, error));
                quarantine.add(QuarantineEntry.rejectedAtIngest(raw.node(), i, error, gameId, requestId, receivedAtMillis).toJson());
            }
        }
        if (!quarantine.isEmpty()) {
            List<PackedRecord> records = packer.pack(quarantine, e -> requestId);
            publisher.publish(config.quarantineStream(), records);
        }
        if (!accepted.isEmpty()) {
            // As few records as the stream's shards require; each player's events (keyed game/player) on the shard Kinesis assigns them.
            shardMaps.landedOn(publisher.publish(config.eventsStream(),
                    packer.pack(accepted, e -> PlayerKey.value(gameId, e.get(PLAYER_ID).asText()), shardMaps.current())));
        }
        return new IngestResult(accepted.size(), rejections);
    }
}
