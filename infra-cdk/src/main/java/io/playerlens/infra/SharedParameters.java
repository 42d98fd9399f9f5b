package io.playerlens.infra;

import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

/**
 * What the core stack shares with model stacks, as SSM parameters: a model stack reads them at deploy time
 * (no CloudFormation export, so removing a model never blocks on the core stack).
 */
public final class SharedParameters {
    public static final String API_ID = "/playerlens/core/http-api-id";
    public static final String PROFILES_TABLE = "/playerlens/core/profiles-table";
    public static final String EVENTS_STREAM = "/playerlens/core/events-stream";

    private SharedParameters() {
    }

    static void publish(Construct scope, String apiId, String table, String stream) {
        StringParameter.Builder.create(scope, "ApiIdParameter").parameterName(API_ID).stringValue(apiId).build();
        StringParameter.Builder.create(scope, "ProfilesTableParameter").parameterName(PROFILES_TABLE).stringValue(table).build();
        StringParameter.Builder.create(scope, "EventsStreamParameter").parameterName(EVENTS_STREAM).stringValue(stream).build();
    }
}
