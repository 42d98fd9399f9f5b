package io.playerlens.contracts.archive;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Where the raw event archive keeps records: {@code raw/dt=YYYY-MM-DD/hour=HH/} by <b>arrival</b> time (UTC), the
 * quarantine under {@code quarantine/...} the same way. Firehose on AWS (its {@code !{timestamp}} namespace is the
 * record's arrival time) and the local archiver write this layout; the Spark jobs read it. Arrival time, not event
 * time: a late event lands in a later partition, so a job over event days D1..D2 reads arrival partitions
 * D1..D2 + {@link #LATE_ARRIVAL_DAYS} and filters on {@code ts}.
 *
 * <p>Each object is a concatenation of records as ingest wrote them: gzip members of newline-delimited JSON, so
 * every file is a valid multi-member {@code .gz} that Spark, Athena and {@code zcat} read as NDJSON.
 */
public final class ArchiveLayout {
    public static final String RAW = "raw";
    public static final String QUARANTINE = "quarantine";
    /** How many days after its event day an event may still arrive and be read by a job over that day. */
    public static final int LATE_ARRIVAL_DAYS = 1;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    private ArchiveLayout() {
    }

    /** {@code raw/dt=2026-11-26/hour=07} for a record that arrived at {@code arrival}. */
    public static String partition(String root, Instant arrival) {
        var utc = arrival.atOffset(ZoneOffset.UTC);
        return String.format("%s/dt=%s/hour=%02d", root, DAY.format(utc.toLocalDate()), utc.getHour());
    }

    /** {@code raw/dt=2026-11-26} */
    public static String day(String root, LocalDate day) {
        return root + "/dt=" + DAY.format(day);
    }

    /** The S3 prefix Firehose is given: the same layout in its timestamp namespace. */
    public static String firehosePrefix(String root) {
        return root + "/dt=!{timestamp:yyyy-MM-dd}/hour=!{timestamp:HH}/";
    }
}
