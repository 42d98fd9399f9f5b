package io.playerlens.infra;

/**
 * What a deployment chooses about the core stack.
 *
 * @param alarmEmail where the alarms are e-mailed (context {@code playerlens:alarmEmail}); null for none
 * @param provisionedShards 0 for an on-demand events stream (the default), or the shard count of a provisioned one
 * @param throttleRatePerSecond HTTP API steady-state request limit
 * @param throttleBurst HTTP API burst limit
 * @param flinkParallelism the feature job's starting parallelism (autoscaling moves it)
 */
public record CoreStackProps(String alarmEmail, int provisionedShards, int throttleRatePerSecond, int throttleBurst, int flinkParallelism) {

    public static CoreStackProps defaults(String alarmEmail) {
        return new CoreStackProps(alarmEmail, 0, 2000, 5000, 2);
    }
}
