package io.playerlens.offline;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One local Spark session per test class, configured as the jobs configure it. */
abstract class SparkJobTest {
    static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = OfflineSession.create("test");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }
}
