package io.playerlens.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.playerlens.contracts.api.ApiRoutes;
import io.playerlens.contracts.config.EnvVars;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The core stack's template: the properties that matter, pinned without hashed logical ids. */
class CoreStackTest {
    private static Template template;

    @BeforeAll
    static void synth() {
        App app = new App();
        template = Template.fromStack(new CoreStack(app, "Core", StackProps.builder().build(), CoreStackProps.defaults("ops@example.com")));
    }

    @Test
    void eventsStream_isOnDemand_andEncrypted_besideAOneShardQuarantineStream() {
        template.resourceCountIs("AWS::Kinesis::Stream", 2);
        template.hasResourceProperties("AWS::Kinesis::Stream", Map.of(
                "StreamModeDetails", Map.of("StreamMode", "ON_DEMAND"), "StreamEncryption", Map.of("EncryptionType", "KMS")));
        template.hasResourceProperties("AWS::Kinesis::Stream", Map.of("ShardCount", 1,
                "StreamModeDetails", Map.of("StreamMode", "PROVISIONED")));
    }

    @Test
    void statefulResources_haveNoFixedName_andAreRetainedExceptWhenTheirCreationRollsBack() {
        for (String type : List.of("AWS::Kinesis::Stream", "AWS::DynamoDB::GlobalTable")) {
            template.findResources(type).values().forEach(resource -> {
                assertThat(resource).containsEntry("DeletionPolicy", "RetainExceptOnCreate").containsEntry("UpdateReplacePolicy", "Retain");
                @SuppressWarnings("unchecked")
                Map<String, Object> properties = (Map<String, Object>) resource.get("Properties");
                assertThat(properties).as("a fixed name collides on a retried first deploy").doesNotContainKeys("Name", "TableName");
            });
        }
    }

    @Test
    void provisionedStream_isAnOption() {
        Template provisioned = Template.fromStack(new CoreStack(new App(), "Core", StackProps.builder().build(),
                new CoreStackProps(null, 4, 100, 200, 2)));
        provisioned.hasResourceProperties("AWS::Kinesis::Stream", Map.of("ShardCount", 4,
                "StreamModeDetails", Map.of("StreamMode", "PROVISIONED")));
        // ... with aggressive scale-out on write throttling, up to 8x the starting shards.
        provisioned.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "PutRecords.ThrottledRecords", "Threshold", 0));
        provisioned.hasResourceProperties("AWS::Lambda::Function", Map.of("Runtime", "nodejs20.x",
                "Environment", Map.of("Variables", Match.objectLike(Map.of("MAX_SHARDS", "32")))));
    }

    @Test
    void onDemandStream_needsNoScaler() {
        template.resourcePropertiesCountIs("AWS::Lambda::Function", Map.of("Runtime", "nodejs20.x"), 0);
    }

    @Test
    void profilesTable_isOnDemand_withTtlPitrAndEncryption() {
        template.hasResourceProperties("AWS::DynamoDB::GlobalTable", Map.of(
                "BillingMode", "PAY_PER_REQUEST",
                "KeySchema", List.of(Map.of("AttributeName", "player_key", "KeyType", "HASH")),
                "TimeToLiveSpecification", Map.of("AttributeName", "expires_at", "Enabled", true),
                "Replicas", List.of(Match.objectLike(Map.of("PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true)))),
                "SSESpecification", Map.of("SSEEnabled", true)));
    }

    @Test
    void lambdas_areJava21OnArm64_withSnapStart_andTheirEnvironmentFromTheSharedConstants() {
        template.resourcePropertiesCountIs("AWS::Lambda::Function", Map.of("Runtime", "java21", "Architectures", List.of("arm64"),
                "SnapStart", Map.of("ApplyOn", "PublishedVersions")), 3);
        template.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", "io.playerlens.ingest.IngestHandler",
                "Environment", Map.of("Variables", Match.objectLike(Map.of(EnvVars.EVENTS_STREAM_NAME, Match.anyValue(),
                        EnvVars.QUARANTINE_STREAM_NAME, Match.anyValue(), EnvVars.API_KEYS_SECRET_ARN, Match.anyValue())))));
        template.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", "io.playerlens.profile.ProfileHandler",
                "Environment", Map.of("Variables", Match.objectLike(Map.of(EnvVars.PROFILES_TABLE_NAME, Match.anyValue(),
                        EnvVars.EVENTS_STREAM_NAME, Match.anyValue())))));
        template.resourcePropertiesCountIs("AWS::Lambda::Alias", Map.of("Name", "live"), 3);
        assertThat(template.toJSON().toString()).as("keys are never in a template").doesNotContain(EnvVars.API_KEY_HASHES);
    }

    @Test
    void apiKeys_liveInARetainedSecret_thatEveryApiLambdaMayRead() {
        template.resourceCountIs("AWS::SecretsManager::Secret", 1);
        template.hasResource("AWS::SecretsManager::Secret", Map.of("DeletionPolicy", "Retain",
                "Properties", Match.objectLike(Map.of("GenerateSecretString", Match.anyValue()))));
        long readers = template.findResources("AWS::IAM::Policy").values().stream()
                .filter(p -> p.toString().contains("secretsmanager:GetSecretValue")).count();
        assertThat(readers).isEqualTo(3);
    }

    @Test
    void theApiUrl_andTheKeySecret_areOutputs() {
        assertThat(template.findOutputs("ApiUrl")).isNotEmpty();
        assertThat(template.findOutputs("ApiKeysSecret")).isNotEmpty();
    }

    @Test
    void offersApi_readsPlacementsFromTheSsmRegistry_andMayInvokeOnlyModelFunctions() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of("Handler", "io.playerlens.offers.OffersHandler",
                "Environment", Map.of("Variables", Match.objectLike(Map.of(EnvVars.PLACEMENTS_SSM_PATH, "/playerlens/placements",
                        EnvVars.MODEL_FUNCTION_PREFIX, "playerlens-model-",
                        EnvVars.PLACEMENTS_JSON, Match.stringLikeRegexp("^\\{\"store\":\\{.*default_offers.*"))))));
        String placements = template.findResources("AWS::Lambda::Function").values().stream()
                .filter(f -> f.toString().contains("OffersHandler")).findFirst().orElseThrow().toString();
        assertThat(placements).as("variants come from the registry, at request time").doesNotContain("variants");
        String offersPolicy = template.findResources("AWS::IAM::Policy").entrySet().stream()
                .filter(e -> e.getKey().startsWith("OffersApiFunction")).map(e -> e.getValue().toString()).findFirst().orElseThrow();
        assertThat(offersPolicy).contains("lambda:InvokeFunction").contains("function:playerlens-model-*").contains("ssm:GetParametersByPath");
        template.hasResourceProperties("AWS::SSM::Parameter", Map.of("Name", "/playerlens/placements/store"));
    }

    @Test
    void everyLambda_theApisAccessLogs_theFeatureJob_andTheArchivesDelivery_haveALogGroupWithRetention() {
        template.resourcePropertiesCountIs("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30), 6);
        template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of("AccessLogSettings", Match.objectLike(Map.of(
                "Format", Match.stringLikeRegexp(".*\\$context.requestId.*\\$context.status.*")))));
    }

    @Test
    void everyDeclaredRoute_isOnTheHttpApi_withThrottling() {
        template.resourceCountIs("AWS::ApiGatewayV2::Route", ApiRoutes.ALL.size());
        for (var route : ApiRoutes.ALL) {
            template.hasResourceProperties("AWS::ApiGatewayV2::Route", Map.of("RouteKey", route.routeKey()));
        }
        template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Map.of("DefaultRouteSettings",
                Map.of("ThrottlingRateLimit", 2000, "ThrottlingBurstLimit", 5000)));
    }

    @Test
    void ingest_mayOnlyWriteToTheStreams() {
        Map<String, Map<String, Object>> policies = template.findResources("AWS::IAM::Policy");
        String ingestPolicy = policies.entrySet().stream().filter(e -> e.getKey().startsWith("EventIngestFunction"))
                .map(e -> e.getValue().toString()).findFirst().orElseThrow();
        assertThat(ingestPolicy).contains("kinesis:PutRecords").doesNotContain("kinesis:GetRecords").doesNotContain("dynamodb:");
        assertThat(ingestPolicy).as("it reads the events stream's shard map to pack by shard").contains("kinesis:ListShards");
    }

    @Test
    void archive_copiesBothStreamsToS3_underDateAndHourPartitions() {
        template.resourceCountIs("AWS::KinesisFirehose::DeliveryStream", 3);
        template.hasResourceProperties("AWS::KinesisFirehose::DeliveryStream", Map.of("ExtendedS3DestinationConfiguration", Match.objectLike(Map.of(
                "Prefix", "raw/dt=!{timestamp:yyyy-MM-dd}/hour=!{timestamp:HH}/",
                "CompressionFormat", "UNCOMPRESSED",
                "FileExtension", ".gz"))));
        template.hasResourceProperties("AWS::KinesisFirehose::DeliveryStream", Map.of("ExtendedS3DestinationConfiguration", Match.objectLike(Map.of(
                "Prefix", "quarantine/dt=!{timestamp:yyyy-MM-dd}/hour=!{timestamp:HH}/"))));
    }

    @Test
    void offersDecisions_goFromTheOffersLogThroughAFirehose_intoTheRawArchiveAsGzippedLines_withoutAStreamWrite() {
        template.hasResourceProperties("AWS::Logs::SubscriptionFilter", Map.of("FilterPattern", "{ $.type = \"offer_served\" }",
                "DestinationArn", Match.objectLike(Map.of("Fn::GetAtt", Match.arrayWith(List.of("Arn"))))));
        template.hasResourceProperties("AWS::KinesisFirehose::DeliveryStream", Map.of("DeliveryStreamType", "DirectPut",
                "ExtendedS3DestinationConfiguration", Match.objectLike(Map.of(
                        "Prefix", "raw/dt=!{timestamp:yyyy-MM-dd}/hour=!{timestamp:HH}/",
                        "CompressionFormat", "GZIP",
                        "ProcessingConfiguration", Map.of("Enabled", true, "Processors", List.of(
                                Map.of("Type", "Decompression", "Parameters", List.of(Map.of("ParameterName", "CompressionFormat", "ParameterValue", "GZIP"))),
                                Map.of("Type", "CloudWatchLogProcessing", "Parameters", List.of(Map.of("ParameterName", "DataMessageExtraction",
                                        "ParameterValue", "true"))),
                                Map.of("Type", "AppendDelimiterToRecord")))))));
        String offersPolicy = template.findResources("AWS::IAM::Policy").entrySet().stream()
                .filter(e -> e.getKey().startsWith("OffersApiFunction")).map(e -> e.getValue().toString()).findFirst().orElseThrow();
        assertThat(offersPolicy).as("no network write on the offers request path").doesNotContain("kinesis:");
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "DeliveryErrors", "Namespace", "AWS/Logs"));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "DeliveryToS3.DataFreshness", "Namespace",
                "AWS/Firehose", "Threshold", 900));
    }

    @Test
    void archiveCopiers_mayReadTheirStream_andAddObjectsUnderTheirPrefix_butNeverDelete() {
        template.findResources("AWS::IAM::Policy").entrySet().stream().filter(e -> e.getKey().startsWith("RawArchive")
                        && e.getKey().contains("DeliveryRole"))
                .forEach(e -> assertThat(e.getValue().toString()).as(e.getKey()).contains("s3:PutObject").doesNotContain("s3:DeleteObject")
                        .doesNotContain("s3:*"));
        template.hasResourceProperties("AWS::S3::Bucket", Map.of("LoggingConfiguration", Match.objectLike(Map.of("LogFilePrefix", "archive/"))));
    }

    @Test
    void archiveBucket_isPrivateEncrypted_andMovesToCheaperStorage() {
        template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "BucketEncryption", Match.objectLike(Map.of()),
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true,
                        "RestrictPublicBuckets", true),
                "LifecycleConfiguration", Map.of("Rules", Match.arrayWith(List.of(Match.objectLike(Map.of("Prefix", "raw/",
                        "Transitions", List.of(Map.of("StorageClass", "STANDARD_IA", "TransitionInDays", 30),
                                Map.of("StorageClass", "GLACIER_IR", "TransitionInDays", 90)))))))));
    }

    @Test
    void featureJob_runsOnManagedFlink119_withCheckpointsAutoscalingApplicationMetrics_andTheDevFilesPropertyGroups() {
        template.hasResourceProperties("AWS::KinesisAnalyticsV2::Application", Match.objectLike(Map.of(
                "RuntimeEnvironment", "FLINK-1_19",
                "ApplicationConfiguration", Match.objectLike(Map.of(
                        "FlinkApplicationConfiguration", Match.objectLike(Map.of(
                                "CheckpointConfiguration", Match.objectLike(Map.of("CheckpointingEnabled", true)),
                                "ParallelismConfiguration", Match.objectLike(Map.of("AutoScalingEnabled", true)),
                                "MonitoringConfiguration", Match.objectLike(Map.of("MetricsLevel", "APPLICATION")))),
                        "EnvironmentProperties", Map.of("PropertyGroups", Match.arrayWith(List.of(
                                Match.objectLike(Map.of("PropertyGroupId", "EventsSource",
                                        "PropertyMap", Match.objectLike(Map.of("flink.stream.recordpublisher", "EFO")))),
                                Match.objectLike(Map.of("PropertyGroupId", "ProfileSink")),
                                Match.objectLike(Map.of("PropertyGroupId", "DeadLetterSink")),
                                Match.objectLike(Map.of("PropertyGroupId", "FeatureJob"))))))))));
    }

    @Test
    void featureJob_isCreatedAfterItsRolesPolicy_andLogsToCloudWatch() {
        String policy = template.findResources("AWS::IAM::Policy").keySet().stream().filter(k -> k.startsWith("FeatureJobRole"))
                .findFirst().orElseThrow();
        Map<String, Object> application = template.findResources("AWS::KinesisAnalyticsV2::Application").values().iterator().next();
        assertThat(String.valueOf(application.get("DependsOn"))).as("the service checks the role's permissions at creation").contains(policy);
        template.resourceCountIs("AWS::KinesisAnalyticsV2::ApplicationCloudWatchLoggingOption", 1);
    }

    @Test
    void featureJobRole_writesOnlyTheProfilesTable_andItsDeadLettersToTheQuarantineStream() {
        String policies = template.findResources("AWS::IAM::Policy").entrySet().stream()
                .filter(e -> e.getKey().startsWith("FeatureJobRole")).map(e -> e.getValue().toString()).findFirst().orElseThrow();
        assertThat(policies).contains("dynamodb:BatchWriteItem").doesNotContain("dynamodb:Scan").doesNotContain("dynamodb:*")
                .contains("kinesis:SubscribeToShard").contains("kinesis:PutRecord");
    }

    @Test
    void dashboard_showsFreshnessOffersIngestLagAndLambdaHealth_onTheEmittedMetricNames() {
        template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
        String body = template.findResources("AWS::CloudWatch::Dashboard").values().iterator().next().toString();
        assertThat(body).contains("ProfileFreshness").contains("ProfileWriteFreshnessP99").contains("OffersLatency").contains("OffersFallback")
                .contains("EventsAccepted").contains("EventsRejected").contains("SubscribeToShardEvent.MillisBehindLatest")
                .contains("lastCheckpointDuration").contains("DeadLetters").contains("Errors").contains("Throttles").contains("Restore Duration");
    }

    @Test
    void everyAlarm_notifiesTheAlarmTopic_whichMailsTheConfiguredAddress() {
        template.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email", "Endpoint", "ops@example.com"));
        template.findResources("AWS::CloudWatch::Alarm").forEach((id, alarm) ->
                assertThat(alarm.toString()).as(id).contains("AlarmActions").contains("ObservabilityAlarms"));
    }

    @Test
    void alarms_canFire_onMetricsThatExist() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "ProfileWriteFreshnessP99",
                "Namespace", "AWS/KinesisAnalytics", "Threshold", 150, "ComparisonOperator", "GreaterThanThreshold"));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "SubscribeToShardEvent.MillisBehindLatest",
                "Threshold", 60_000, "TreatMissingData", "notBreaching", "Dimensions", Match.arrayWith(List.of(
                        Map.of("Name", "ConsumerName", "Value", FeatureJobApplication.APPLICATION_NAME)))));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "downtime", "Namespace", "AWS/KinesisAnalytics"));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("AlarmDescription", "the feature job restarted"));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("AlarmDescription", "a feature job checkpoint failed"));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "DeadLetters", "Namespace", "AWS/KinesisAnalytics"));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "5xx", "Namespace", "AWS/ApiGateway"));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Threshold", 5, "AlarmDescription",
                "more than 5 % of events rejected (a broken client release?)"));
        template.resourcePropertiesCountIs("AWS::CloudWatch::Alarm", Map.of("MetricName", "Errors", "Namespace", "AWS/Lambda"), 3);
    }

    @Test
    void theLegacyKeysContext_isRefused_soNoDeployCanReplaceTheKeys() {
        App app = new App(software.amazon.awscdk.AppProps.builder()
                .context(Map.of(PlayerlensApp.LEGACY_API_KEY_HASHES_CONTEXT, "example-game:" + "0".repeat(64))).build());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PlayerlensApp.build(app))
                .hasMessageStartingWith("playerlens:apiKeyHashes is no longer read");
    }

    @Test
    void sharedValues_arePublishedAsSsmParameters_notExports() {
        template.hasResourceProperties("AWS::SSM::Parameter", Map.of("Name", SharedParameters.API_ID));
        template.hasResourceProperties("AWS::SSM::Parameter", Map.of("Name", SharedParameters.PROFILES_TABLE));
        assertThat(template.toJSON().toString()).doesNotContain("Export");
    }
}
