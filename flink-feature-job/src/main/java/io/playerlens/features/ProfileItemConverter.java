package io.playerlens.features;

import io.playerlens.contracts.event.PlayerKey;
import io.playerlens.store.ProfileItemCodec;
import io.playerlens.store.UnstorableProfileException;
import java.time.Duration;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.dynamodb.sink.DynamoDbWriteRequest;
import org.apache.flink.connector.dynamodb.sink.DynamoDbWriteRequestType;

/**
 * A {@link ProfileWrite} as a DynamoDB request: PutItem of the whole item (the profile store's codec), or for an
 * erasure PutItem of its completed tombstone (when it was received, when the job applied it, the new epoch), which
 * replaces the profile and tells {@code GET /v1/players/{id}/erasure} the erasure is done. The assembler has already
 * refused writes the store cannot hold, so a refusal here is a bug.
 */
public class ProfileItemConverter implements ElementConverter<ProfileWrite, DynamoDbWriteRequest> {
    private final Duration itemTtl;

    public ProfileItemConverter(Duration itemTtl) {
        this.itemTtl = itemTtl;
    }

    @Override
    public DynamoDbWriteRequest apply(ProfileWrite write, SinkWriter.Context context) {
        if (write.delete) {
            return DynamoDbWriteRequest.builder().setType(DynamoDbWriteRequestType.PUT).setItem(ProfileItemCodec.tombstone(
                    PlayerKey.of(write.gameId, write.playerId), write.receivedAt, write.updatedAt, write.profileEpoch)).build();
        }
        try {
            return DynamoDbWriteRequest.builder().setType(DynamoDbWriteRequestType.PUT)
                    .setItem(ProfileItemCodec.encode(write.toRecord(), itemTtl)).build();
        } catch (UnstorableProfileException e) {
            throw new IllegalStateException("a write the assembler should have refused reached the sink: " + e.getMessage(), e);
        }
    }
}
