package io.playerlens.offline;

import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of a job. Locally {@code local[*]} (all cores of the machine); on EMR / EMR Serverless
 * {@code spark-submit} sets the master and this leaves it alone. Time zone UTC, as the archive layout and the
 * feature SQL assume.
 */
public final class OfflineSession {
    private OfflineSession() {
    }

    public static SparkSession create(String job) {
        SparkSession.Builder builder = SparkSession.builder().appName("playerlens-" + job)
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", Boolean.toString(System.console() != null));
        if (System.getProperty("spark.master") == null && System.getenv("SPARK_MASTER") == null) {
            int cores = Runtime.getRuntime().availableProcessors();
            builder.master("local[" + cores + "]")
                    // One machine: few shuffle partitions (the default 200 costs more in task overhead than it saves).
                    .config("spark.sql.shuffle.partitions", Integer.toString(Math.max(4, 2 * cores)))
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1");
        }
        return builder.getOrCreate();
    }
}
