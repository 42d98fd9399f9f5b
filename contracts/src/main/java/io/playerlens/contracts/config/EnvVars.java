package io.playerlens.contracts.config;

/**
 * Names of the environment variables the Lambdas read. The CDK app sets them from these same constants,
 * so the two cannot drift.
 */
public final class EnvVars {
    /** Kinesis stream that carries accepted events. */
    public static final String EVENTS_STREAM_NAME = "EVENTS_STREAM_NAME";
    /** Kinesis stream that carries rejected events with their reasons. */
    public static final String QUARANTINE_STREAM_NAME = "QUARANTINE_STREAM_NAME";
    /** DynamoDB table of player profiles (partition key player_id). */
    public static final String PROFILES_TABLE_NAME = "PROFILES_TABLE_NAME";
    /** The model folder a model Lambda serves (default: {@code model/} beside the code). */
    public static final String MODEL_DIR = "MODEL_DIR";
    /** The placements routing of the offers API: JSON, see docs/models.md. */
    public static final String PLACEMENTS_JSON = "PLACEMENTS_JSON";
    /** On AWS: the SSM path of the placements registry (instead of PLACEMENTS_JSON). */
    public static final String PLACEMENTS_SSM_PATH = "PLACEMENTS_SSM_PATH";
    /** Optional: how long the offers API serves placements read from the SSM registry before reading it again, ms. */
    public static final String PLACEMENTS_TTL_MS = "PLACEMENTS_TTL_MS";
    /** Model Lambdas are named this prefix + the model name (alias {@code live}). */
    public static final String MODEL_FUNCTION_PREFIX = "MODEL_FUNCTION_PREFIX";
    /**
     * On AWS: the Secrets Manager secret holding the games' API key hashes ({@code game_id:sha256hex,...}), read at
     * request time. Locally {@link #API_KEY_HASHES} instead.
     */
    public static final String API_KEYS_SECRET_ARN = "API_KEYS_SECRET_ARN";
    /** Optional: how long keys read from the secret are used before it is read again, in milliseconds. */
    public static final String API_KEYS_TTL_MS = "API_KEYS_TTL_MS";
    /** Locally: comma-separated {@code game_id:sha256hex(api key)} pairs. */
    public static final String API_KEY_HASHES = "API_KEY_HASHES";
    /** Optional: maximum request body in bytes (after gzip inflation). */
    public static final String MAX_BODY_BYTES = "MAX_BODY_BYTES";
    /** Optional: maximum events per request. */
    public static final String MAX_EVENTS_PER_REQUEST = "MAX_EVENTS_PER_REQUEST";
    /**
     * Optional: beyond how far ahead of the server clock an event's ts is refused (a broken clock), in milliseconds;
     * a ts less far ahead is set to the receipt time. See {@code EventTimePolicy}.
     */
    public static final String MAX_FUTURE_SKEW_MS = "MAX_FUTURE_SKEW_MS";
    /** Optional: how old (before receipt) an event's ts may be, in milliseconds. */
    public static final String MAX_EVENT_AGE_MS = "MAX_EVENT_AGE_MS";
    /**
     * Optional: how long ingest keeps the events stream's shard map before reading it again, in milliseconds; 0 packs
     * records per player instead of per shard.
     */
    public static final String SHARD_MAP_TTL_MS = "SHARD_MAP_TTL_MS";
    /**
     * Optional: events per second each game may send, {@code game_id:rate,...}; {@code *:rate} applies to every game
     * not listed. A request over its game's limit answers 429 with {@code retry-after}; other games are unaffected.
     * Enforced by each ingest execution environment (docs/deploy.md, per-game limits).
     */
    public static final String GAME_EVENT_LIMITS = "GAME_EVENT_LIMITS";
    /** Optional: how long PutRecords retries may take in all, in milliseconds, before answering 503. */
    public static final String PUT_RETRY_BUDGET_MS = "PUT_RETRY_BUDGET_MS";
    /** Optional, local only: endpoint override for an AWS API emulator, e.g. {@code http://127.0.0.1:4568}. */
    public static final String AWS_ENDPOINT_URL_KINESIS = "AWS_ENDPOINT_URL_KINESIS";
    /** Optional, local only: endpoint override for the DynamoDB emulator. */
    public static final String AWS_ENDPOINT_URL_DYNAMODB = "AWS_ENDPOINT_URL_DYNAMODB";
    /** Optional, local only: {@code true} allows the local dev key. Never set on AWS. */
    public static final String LOCAL_MODE = "PLAYERLENS_LOCAL_MODE";
    /** Set by the Lambda runtime; read to pick the region. */
    public static final String AWS_REGION = "AWS_REGION";

    private EnvVars() {
    }
}
