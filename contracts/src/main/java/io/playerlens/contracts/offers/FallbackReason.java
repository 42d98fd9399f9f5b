package io.playerlens.contracts.offers;

/** Why an offers response carries the placement's default offers ({@code "reason"} in the response). Public API. */
public final class FallbackReason {
    public static final String PROFILE_NOT_FOUND = "profile_not_found";
    public static final String MODEL_ERROR = "model_error";
    public static final String MODEL_TIMEOUT = "model_timeout";
    public static final String MODEL_NOT_DEPLOYED = "model_not_deployed";
    public static final String PLACEMENT_NOT_SERVED = "placement_not_served";
    /** An unexpected error in the offers API itself (a bug, logged with the request id); the defaults are served. */
    public static final String INTERNAL_ERROR = "internal_error";
    /** The placement has no model variant yet (a fresh deployment, or every variant at weight 0). */
    public static final String NO_MODEL = "no_model";

    private FallbackReason() {
    }
}
