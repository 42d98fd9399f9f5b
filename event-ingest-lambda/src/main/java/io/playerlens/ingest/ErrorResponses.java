package io.playerlens.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.playerlens.lambda.HttpResponses;
import java.util.Map;

/** Maps each refusal to its status code and a JSON body with a human-readable {@code error}: one place. */
final class ErrorResponses {
    static final String RETRY_AFTER_SECONDS = "1";

    private ErrorResponses() {
    }

    static int statusOf(IngestException e) {
        if (e instanceof IngestException.Unauthorized) {
            return 401;
        } else if (e instanceof IngestException.MalformedRequest) {
            return 400;
        } else if (e instanceof IngestException.PayloadTooLarge) {
            return 413;
        } else if (e instanceof IngestException.UnsupportedMediaType) {
            return 415;
        } else if (e instanceof IngestException.Throttled) {
            return 429;
        } else if (e instanceof IngestException.StreamUnavailable || e instanceof IngestException.KeysUnavailable) {
            return 503;
        }
        throw new IllegalArgumentException("unmapped " + e.getClass());
    }

    static APIGatewayV2HTTPResponse of(IngestException e) {
        int status = statusOf(e);
        if (e instanceof IngestException.Throttled) {
            long seconds = Math.max(1, (((IngestException.Throttled) e).retryAfterMillis() + 999) / 1000);
            return HttpResponses.error(status, e.getMessage(), Map.of("retry-after", Long.toString(seconds)));
        }
        return HttpResponses.error(status, e.getMessage(), status == 503 ? Map.of("retry-after", RETRY_AFTER_SECONDS) : Map.of());
    }

    static APIGatewayV2HTTPResponse internalError(String requestId) {
        return HttpResponses.error(500, "internal error; request id " + requestId);
    }
}
