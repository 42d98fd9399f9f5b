package io.playerlens.infra;

import software.amazon.awscdk.Validations;
import software.constructs.IConstruct;

/**
 * The cdk-nag AwsSolutions findings decided rather than fixed, each on the narrowest construct it concerns and with
 * its reason ({@code CdkNagTest} fails on any other finding). What was fixed instead: API access logs, archive bucket
 * access logs, the feature job reading only its own jar (not the whole assets bucket), Firehose roles that cannot
 * delete objects, an SNS topic that enforces TLS.
 */
final class NagAcknowledgments {
    private NagAcknowledgments() {
    }

    /**
     * Records the acknowledgment where cdk-nag v3 reads it (the construct's acknowledged-rules metadata, as
     * {@code Validations.acknowledge} writes it). Written directly because a finding id such as
     * {@code AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:…]} holds more than one {@code ::}, which
     * {@code Validations.acknowledge} refuses as a prefix delimiter.
     */
    private static void acknowledge(IConstruct scope, String rule, String reason) {
        scope.getNode().addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, java.util.Map.of(rule, reason));
    }

    /** The HTTP API's routes: authorised in the Lambdas. */
    static void apiKeysCheckedInTheLambdas(IConstruct api) {
        acknowledge(api, "AwsSolutions-APIG4", "HTTP APIs have no API-key authoriser: every route's Lambda checks the game's x-api-key "
                + "against the hashed keys (constant time) before any work; a Lambda authoriser would add a hop to every request");
    }

    /** A Java Lambda with its service role. */
    static void javaLambda(IConstruct function) {
        acknowledge(function, "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
                "the AWS managed policy grants only CloudWatch Logs writes, the least a Lambda needs to log");
        acknowledge(function, "AwsSolutions-L1", "java21 is the runtime the deployables are built and tested on (SnapStart, ONNX Runtime, "
                + "Powertools); moving to a newer Java runtime is a deliberate upgrade with its own tests");
    }

    static void codeDeployRole(IConstruct role) {
        acknowledge(role, "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]",
                "the AWS managed policy CodeDeploy documents for Lambda canaries, limited to alias shifts and the hook functions");
    }

    static void keysRotatedByTheStudio(IConstruct secret) {
        acknowledge(secret, "AwsSolutions-SMG4", "the secret holds SHA-256 hashes of the games' keys, rotated by the studio (add the new "
                + "hash, move clients, remove the old: docs/deploy.md); a rotation Lambda cannot issue keys to game clients");
    }

    static void offersRole(IConstruct role) {
        acknowledge(role, "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:parameter/playerlens/placements*]",
                "the placement registry: model stacks deployed after the core stack register their variants under this path");
        acknowledge(role, "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:lambda:<AWS::Region>:<AWS::AccountId>:function:playerlens-model-*]",
                "model Lambdas are deployed by their own stacks after the core stack; the prefix is all the offers API may invoke");
    }

    static void featureJobRole(IConstruct role) {
        acknowledge(role, "AwsSolutions-IAM5[Resource::*]", "cloudwatch:PutMetricData has no resource-level permissions");
        acknowledge(role, "AwsSolutions-IAM5[Resource::<EventsStream287662BE.Arn>/consumer/*]",
                "the enhanced fan-out consumer is registered by the job at start, so its ARN is not known before");
        acknowledge(role, "AwsSolutions-IAM5[Resource::arn:aws:logs:<AWS::Region>:<AWS::AccountId>:log-group:*]",
                "logs:DescribeLogGroups lists log groups and has no narrower resource; writes are limited to the job's log group");
    }

    static void firehoseWritesUnderItsPrefix(IConstruct role) {
        acknowledge(role, "AwsSolutions-IAM5[Resource::<RawArchiveBucket3CBB4637.Arn>/raw/*]",
                "Firehose adds one object per buffer interval under its date-partitioned prefix: the keys are not known before");
        acknowledge(role, "AwsSolutions-IAM5[Resource::<RawArchiveBucket3CBB4637.Arn>/quarantine/*]",
                "Firehose adds one object per buffer interval under its date-partitioned prefix: the keys are not known before");
        acknowledge(role, "AwsSolutions-IAM5[Resource::<RawArchiveBucket3CBB4637.Arn>/errors/raw/*]",
                "Firehose writes records it could not deliver under the error prefix");
        acknowledge(role, "AwsSolutions-IAM5[Resource::<RawArchiveBucket3CBB4637.Arn>/errors/quarantine/*]",
                "Firehose writes records it could not deliver under the error prefix");
        acknowledge(role, "AwsSolutions-IAM5[Resource::<RawArchiveBucket3CBB4637.Arn>/errors/decisions/*]",
                "Firehose writes records it could not deliver under the error prefix");
    }

    static void firehoseFromAStream(IConstruct delivery) {
        acknowledge(delivery, "AwsSolutions-KDF1", "server-side encryption cannot be enabled on a delivery stream whose source is a Kinesis "
                + "stream; the stream (KMS) and the bucket (SSE-S3) are encrypted");
    }

    static void accessLogBucket(IConstruct bucket) {
        acknowledge(bucket, "AwsSolutions-S1", "this is the access-log bucket; logging its own accesses would log forever");
    }
}
