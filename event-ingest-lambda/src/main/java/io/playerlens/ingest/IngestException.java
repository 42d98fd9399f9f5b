package io.playerlens.ingest;

/**
 * A request the ingest API refuses as a whole. Each failure mode is its own subclass; {@link ErrorResponses}
 * maps them to status codes in one place.
 */
public abstract sealed class IngestException extends RuntimeException
        permits IngestException.Unauthorized, IngestException.MalformedRequest, IngestException.PayloadTooLarge,
        IngestException.UnsupportedMediaType, IngestException.StreamUnavailable, IngestException.KeysUnavailable,
        IngestException.Throttled {

    IngestException(String message, Throwable cause) {
        super(message, cause);
    }

    /** 401: missing or unknown API key. */
    public static final class Unauthorized extends IngestException {
        public Unauthorized(String message) {
            super(message, null);
        }
    }

    /** 400: the body is not JSON or has no events array. */
    public static final class MalformedRequest extends IngestException {
        public MalformedRequest(String message) {
            super(message, null);
        }
    }

    /** 413: body, inflated body or event count over the limit. */
    public static final class PayloadTooLarge extends IngestException {
        public PayloadTooLarge(String message) {
            super(message, null);
        }
    }

    /** 415: a content type or encoding other than JSON, optionally gzip. */
    public static final class UnsupportedMediaType extends IngestException {
        public UnsupportedMediaType(String message) {
            super(message, null);
        }
    }

    /** 429: the game sent more events than its limit allows; nothing of the request was taken. Retry after the time given. */
    public static final class Throttled extends IngestException {
        private final long retryAfterMillis;

        public Throttled(String message, long retryAfterMillis) {
            super(message, null);
            this.retryAfterMillis = retryAfterMillis;
        }

        public long retryAfterMillis() {
            return retryAfterMillis;
        }
    }

    /** 503: the API keys cannot be read (and none were read before). The client should retry. */
    public static final class KeysUnavailable extends IngestException {
        public KeysUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** 503: Kinesis did not take the records within the retry budget. The client should retry the batch. */
    public static final class StreamUnavailable extends IngestException {
        public StreamUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
