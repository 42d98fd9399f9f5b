package io.playerlens.offline;

import static org.apache.spark.sql.functions.col;

import io.playerlens.contracts.archive.ArchiveLayout;
import io.playerlens.contracts.event.ServerEventTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads the raw archive ({@link ArchiveLayout}): the arrival partitions that can hold events of the requested
 * event days (those days plus {@link ArchiveLayout#LATE_ARRIVAL_DAYS}), filtered on event time. Files are
 * multi-member gzip NDJSON in the stream form; Spark's JSON reader decompresses them with Hadoop's gzip codec.
 */
public final class EventArchive {
    /** The stream form of an event (docs/event-contract.md); props as strings, as the feature job sees them. */
    public static final StructType SCHEMA = new StructType()
            .add("event_id", DataTypes.StringType)
            .add("player_id", DataTypes.StringType)
            .add("game_id", DataTypes.StringType)
            .add("type", DataTypes.StringType)
            .add("ts", DataTypes.LongType)
            .add("received_at", DataTypes.LongType)
            .add("session_id", DataTypes.StringType)
            .add("props", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));

    private final SparkSession spark;
    private final String root;

    /** @param root the archive root: a folder locally, {@code s3://bucket} on AWS */
    public EventArchive(SparkSession spark, String root) {
        this.spark = spark;
        this.root = root;
    }

    /** Arrival-day folders under {@code raw/} that exist, for event days {@code from..to}. */
    public List<String> partitions(String prefix, LocalDate from, LocalDate to) {
        return arrivalDays(prefix, from, to.plusDays(ArchiveLayout.LATE_ARRIVAL_DAYS));
    }

    private List<String> arrivalDays(String prefix, LocalDate from, LocalDate through) {
        List<String> days = new ArrayList<>();
        try {
            Path base = new Path(root);
            FileSystem fs = base.getFileSystem(spark.sparkContext().hadoopConfiguration());
            for (LocalDate day = from; !day.isAfter(through); day = day.plusDays(1)) {
                Path folder = new Path(base, ArchiveLayout.day(prefix, day));
                if (fs.exists(folder)) {
                    days.add(folder.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the archive at " + root, e);
        }
        return days;
    }

    /** Every archived event whose event time falls on {@code from..to} (UTC), duplicates included, and every erasure arrived since {@code from}. */
    public Dataset<Row> events(LocalDate from, LocalDate to) {
        List<String> days = partitions(ArchiveLayout.RAW, from, to);
        if (days.isEmpty()) {
            throw new IllegalArgumentException("no archive partitions under " + root + "/" + ArchiveLayout.RAW + " for " + from + " to "
                    + to + " (expected folders like " + ArchiveLayout.day(ArchiveLayout.RAW, from) + "/hour=HH/)");
        }
        long start = from.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        long end = to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        Dataset<Row> inRange = read(days).where(col("ts").geq(start).and(col("ts").lt(end)).and(col("player_id").isNotNull()));
        return inRange.unionByName(erasuresArrivedFrom(from));
    }

    /**
     * Every erasure the archive holds that arrived on or after {@code from}, whatever its event day: an erasure after
     * a job's range still removes what it covers ({@link io.playerlens.contracts.event.ErasureRule}), so a backfill or a
     * training set over days that end before it never brings the erased player's events back. Reads every arrival day
     * from {@code from} to tomorrow (the job's cost grows with the archive after its range; only erasure lines are kept).
     */
    public Dataset<Row> erasuresArrivedFrom(LocalDate from) {
        List<String> days = arrivalDays(ArchiveLayout.RAW, from, LocalDate.now(ZoneOffset.UTC).plusDays(1));
        if (days.isEmpty()) {
            return spark.createDataFrame(List.of(), SCHEMA);
        }
        return read(days).where(col("type").equalTo(ServerEventTypes.PLAYER_ERASED).and(col("player_id").isNotNull()));
    }

    private Dataset<Row> read(List<String> days) {
        return spark.read().schema(SCHEMA).option("mode", "PERMISSIVE").option("recursiveFileLookup", "true")
                .json(days.toArray(new String[0]));
    }
}
