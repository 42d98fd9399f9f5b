package io.playerlens.features;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;

/** Collects profile writes in memory, per test run id (sinks are serialised, so the list lives in a static map). */
final class CollectingSink implements Sink<ProfileWrite> {
    private static final Map<String, List<ProfileWrite>> WRITES = new ConcurrentHashMap<>();

    private final String runId;

    CollectingSink(String runId) {
        this.runId = runId;
        WRITES.put(runId, new CopyOnWriteArrayList<>());
    }

    List<ProfileWrite> writes() {
        return WRITES.get(runId);
    }

    @Override
    public SinkWriter<ProfileWrite> createWriter(InitContext context) {
        List<ProfileWrite> target = WRITES.get(runId);
        return new SinkWriter<>() {
            @Override
            public void write(ProfileWrite element, Context context) {
                target.add(element);
            }

            @Override
            public void flush(boolean endOfInput) {
            }

            @Override
            public void close() {
            }
        };
    }
}
