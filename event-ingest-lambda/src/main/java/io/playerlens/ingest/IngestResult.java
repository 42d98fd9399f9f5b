package io.playerlens.ingest;

import java.util.List;

/** The outcome of one accepted request: how many events went to the stream and why the others did not. */
record IngestResult(int accepted, List<Rejection> rejected) {

    /** One refused event: its position in the request, its id if it had a readable one, and the reason. */
    record Rejection(int index, String eventId, String error) {
    }
}
