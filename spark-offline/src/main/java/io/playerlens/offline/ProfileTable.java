package io.playerlens.offline;

import io.playerlens.contracts.config.EnvVars;
import io.playerlens.store.AwsClients;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Where the profile table is: its name and, locally, the emulator's endpoint. Serializable, so executors build
 * their own client from it (one per partition), the way the Lambdas build theirs.
 */
public record ProfileTable(String name, String endpoint, String region) implements Serializable {
    public DynamoDbClient client() {
        Map<String, String> env = new HashMap<>();
        env.put(EnvVars.AWS_REGION, region == null ? "us-east-1" : region);
        if (endpoint != null) {
            env.put(EnvVars.AWS_ENDPOINT_URL_DYNAMODB, endpoint);
            env.put(EnvVars.LOCAL_MODE, "true");
        }
        return AwsClients.dynamoDb(env);
    }
}
