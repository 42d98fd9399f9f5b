package io.playerlens.features;

import java.util.Properties;
import org.apache.flink.connector.aws.util.AWSClientUtil;
import org.apache.flink.connector.aws.util.AWSGeneralUtil;
import org.apache.flink.connector.dynamodb.sink.client.SdkClientProvider;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

/** A Kinesis async client from {@code aws.*} connector properties, built the way the AWS connectors build theirs. */
final class KinesisAsyncClientProvider implements SdkClientProvider<KinesisAsyncClient> {
    private final SdkAsyncHttpClient httpClient;
    private final KinesisAsyncClient client;

    KinesisAsyncClientProvider(Properties properties) {
        Properties http = new Properties();
        http.putAll(properties);
        http.putIfAbsent("aws.http.protocol.version", "HTTP1_1");
        this.httpClient = AWSGeneralUtil.createAsyncHttpClient(http);
        AWSGeneralUtil.validateAwsCredentials(properties);
        this.client = AWSClientUtil.createAwsAsyncClient(properties, httpClient, KinesisAsyncClient.builder(),
                "Apache Flink %s (%s) playerlens dead letters", "aws.kinesis.client.user-agent-prefix");
    }

    @Override
    public KinesisAsyncClient getClient() {
        return client;
    }

    @Override
    public void close() {
        AWSGeneralUtil.closeResources(httpClient, client);
    }
}
