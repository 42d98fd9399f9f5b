package io.playerlens.features;

import static io.playerlens.contracts.profile.ProfileItem.EXPIRES_AT;
import static io.playerlens.contracts.profile.ProfileItem.FEATURES;
import static io.playerlens.contracts.profile.ProfileItem.GAME_ID;
import static io.playerlens.contracts.profile.ProfileItem.PLAYER_ID;
import static io.playerlens.contracts.profile.ProfileItem.PROCESSED_AT;
import static io.playerlens.contracts.profile.ProfileItem.PROFILE_EPOCH;
import static io.playerlens.contracts.profile.ProfileItem.RECEIVED_AT;
import static io.playerlens.contracts.profile.ProfileItem.UPDATED_AT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.dynamodb.sink.DynamoDbWriteRequest;
import org.apache.flink.connector.dynamodb.sink.DynamoDbWriteRequestType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A {@link ProfileWrite} as a DynamoDB request: PutItem of the whole item, or DeleteItem for an erasure. */
public class ProfileItemConverter implements ElementConverter<ProfileWrite, DynamoDbWriteRequest> {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final long itemTtlSeconds;

    public ProfileItemConverter(Duration itemTtl) {
        this.itemTtlSeconds = itemTtl.toSeconds();
    }

    @Override
    public DynamoDbWriteRequest apply(ProfileWrite write, SinkWriter.Context context) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PLAYER_ID, AttributeValue.fromS(write.playerId));
        if (write.delete) {
            return DynamoDbWriteRequest.builder().setType(DynamoDbWriteRequestType.DELETE).setItem(item).build();
        }
        if (write.gameId != null) {
            item.put(GAME_ID, AttributeValue.fromS(write.gameId));
        }
        item.put(FEATURES, AttributeValue.fromM(features(write.featuresJson)));
        item.put(UPDATED_AT, number(write.updatedAt));
        item.put(RECEIVED_AT, number(write.receivedAt));
        if (write.processedAt >= 0) {
            item.put(PROCESSED_AT, number(write.processedAt));
        }
        item.put(PROFILE_EPOCH, number(write.profileEpoch));
        item.put(EXPIRES_AT, number(write.updatedAt / 1000 + itemTtlSeconds));
        return DynamoDbWriteRequest.builder().setType(DynamoDbWriteRequestType.PUT).setItem(item).build();
    }

    static Map<String, AttributeValue> features(String json) {
        try {
            Map<String, AttributeValue> features = new HashMap<>();
            JsonNode node = MAPPER.readTree(json);
            node.fields().forEachRemaining(f -> features.put(f.getKey(), value(f.getValue())));
            return features;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AttributeValue value(JsonNode v) {
        if (v.isNull()) {
            return AttributeValue.fromNul(true);
        }
        if (v.isNumber()) {
            return AttributeValue.fromN(v.numberValue().toString());
        }
        if (v.isBoolean()) {
            return AttributeValue.fromBool(v.asBoolean());
        }
        return AttributeValue.fromS(v.asText());
    }

    private static AttributeValue number(long n) {
        return AttributeValue.fromN(Long.toString(n));
    }
}
