package io.playerlens.features;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;

/** Collects what a sink gets in memory, per test run id (sinks are serialised, so the list lives in a static map). */
final class CollectingSink<T> implements Sink<T> {
    private static final Map<String, List<Object>> WRITES = new ConcurrentHashMap<>();

    private final String runId;

    CollectingSink(String runId) {
        this.runId = runId;
        WRITES.put(runId, new CopyOnWriteArrayList<>());
    }

    @SuppressWarnings("unchecked")
    List<T> writes() {
        return (List<T>) (List<?>) WRITES.get(runId);
    }

    @Override
    public SinkWriter<T> createWriter(InitContext context) {
        List<Object> target = WRITES.get(runId);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context context) {
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
