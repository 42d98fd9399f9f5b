package io.playerlens.contracts.config;

/** Names more than one module uses, defined once. */
public final class Names {
    /** Every deployed Lambda (API and model) is called through this alias of its published version. */
    public static final String LIVE_ALIAS = "live";

    /** The local stack's resources ({@code ./playerlens up}, the tests, the offline jobs' defaults). */
    public static final String LOCAL_EVENTS_STREAM = "playerlens-events";
    public static final String LOCAL_QUARANTINE_STREAM = "playerlens-quarantine";
    public static final String LOCAL_PROFILES_TABLE = "playerlens-profiles";
    /** The game the local API key belongs to. */
    public static final String LOCAL_GAME_ID = "local-game";
    /** The local API key ({@code PLAYERLENS_LOCAL_MODE} only; refused on AWS). */
    public static final String LOCAL_DEV_KEY = "dev-key";
    /** The work directory of {@code ./playerlens up} (its default {@code --work-dir}, relative to the checkout). */
    public static final String LOCAL_WORK_DIR = "target/playerlens-local";
    /** What a running {@code ./playerlens up} publishes about itself in its work directory (endpoints, keys), for the tools. */
    public static final String LOCAL_ENDPOINTS_FILE = "endpoints.json";

    private Names() {
    }
}
