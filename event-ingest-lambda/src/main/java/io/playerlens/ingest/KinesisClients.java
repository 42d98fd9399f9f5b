package io.playerlens.ingest;

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
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Builds the one Kinesis client a container uses. The URL-connection HTTP client starts fastest on Lambda;
 * the other SDK HTTP clients are excluded from the jar. The SDK's own retries are kept short: the publisher
 * owns retrying (it retries only failed records, within a budget).
 */
final class KinesisClients {
    private KinesisClients() {
    }

    static KinesisClient fromEnv(Map<String, String> env) {
        var builder = KinesisClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(5))
                        .build())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).apiCallTimeout(Duration.ofSeconds(10)))
                .credentialsProvider(credentials(env));
        String region = env.get(AWS_REGION);
        if (region != null && !region.isBlank()) {
            builder.region(Region.of(region));
        }
        String endpoint = env.get(AWS_ENDPOINT_URL_KINESIS);
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
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
