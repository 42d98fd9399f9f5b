package io.playerlens.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.UUID;

/** The id a request's log lines and its 500 body carry: API Gateway's, else Lambda's, else a fresh one (tests). */
public final class RequestIds {
    private RequestIds() {
    }

    public static String of(APIGatewayV2HTTPEvent request, Context context) {
        if (request != null && request.getRequestContext() != null && request.getRequestContext().getRequestId() != null) {
            return request.getRequestContext().getRequestId();
        }
        if (context != null && context.getAwsRequestId() != null) {
            return context.getAwsRequestId();
        }
        return UUID.randomUUID().toString();
    }
}
