package io.playerlens.store;

import static io.playerlens.contracts.config.EnvVars.AWS_ENDPOINT_URL_DYNAMODB;
import static io.playerlens.contracts.config.EnvVars.AWS_ENDPOINT_URL_KINESIS;
import static io.playerlens.contracts.config.EnvVars.AWS_REGION;
import static io.playerlens.contracts.config.EnvVars.LOCAL_MODE;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Builds the SDK clients a container uses, once, from its environment, on the SDK's Apache HTTP client (its pooled
 * connections are reused without a check per call; the URL-connection client took about three times as long per
 * DynamoDB read and twice the CPU: {@code ./playerlens bench sdk-http}, docs/benchmarks.md). With SnapStart its
 * start-up cost is paid at publish time; the netty and Apache 5 clients are excluded from the jars. Kinesis gets generous timeouts (the
 * ingest publisher owns retrying, within its budget); DynamoDB reads are short.
 */
public final class AwsClients {
    /**
     * Connections a client keeps (the Apache client's default is 50, and a request beyond them waits for one). On Lambda
     * an execution environment runs one request at a time; locally one client serves several functions' requests at
     * once (the local models share one: up to 64 requests each), and waiting there for a connection was a collapse.
     */
    static final int MAX_CONNECTIONS = 256;

    private AwsClients() {
    }

    public static KinesisClient kinesis(Map<String, String> env) {
        return configure(KinesisClient.builder(), env, AWS_ENDPOINT_URL_KINESIS, Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(10)).build();
    }

    public static DynamoDbClient dynamoDb(Map<String, String> env) {
        return configure(DynamoDbClient.builder(), env, AWS_ENDPOINT_URL_DYNAMODB, Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(3)).build();
    }

    /**
     * Reads a Secrets Manager secret's current string value. The client is built here, once per container; the reads
     * happen when the returned function is called (on requests, never during a SnapStart snapshot).
     */
    public static java.util.function.Function<String, String> secretReader(Map<String, String> env) {
        SecretsManagerClient client = configure(SecretsManagerClient.builder(), env, "AWS_ENDPOINT_URL_SECRETS_MANAGER",
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3)).build();
        return id -> client.getSecretValue(b -> b.secretId(id)).secretString();
    }

    /**
     * Any other service's client, configured the same way (Apache HTTP client, standard retries, the
     * environment's region, endpoint override and credentials): e.g. {@code AwsClients.configure(SsmClient.builder(),
     * env, "AWS_ENDPOINT_URL_SSM", ...).build()}.
     */
    public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
            B builder, Map<String, String> env, String endpointVariable, Duration connect, Duration socket, Duration call) {
        builder.httpClientBuilder(ApacheHttpClient.builder().connectionTimeout(connect).socketTimeout(socket)
                        .maxConnections(MAX_CONNECTIONS))
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).apiCallTimeout(call))
                .credentialsProvider(credentials(env));
        String region = env.get(AWS_REGION);
        if (region != null && !region.isBlank()) {
            builder.region(Region.of(region));
        }
        String endpoint = env.get(endpointVariable);
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder;
    }

    /**
     * Locally the environment map carries the emulator's static credentials. On AWS the default chain finds the
     * role's credentials, including the container provider that SnapStart-restored functions use.
     */
    private static AwsCredentialsProvider credentials(Map<String, String> env) {
        if ("true".equalsIgnoreCase(env.get(LOCAL_MODE))) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    env.getOrDefault("AWS_ACCESS_KEY_ID", "local"), env.getOrDefault("AWS_SECRET_ACCESS_KEY", "local")));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
