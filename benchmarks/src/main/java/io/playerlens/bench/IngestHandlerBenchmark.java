package io.playerlens.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.playerlens.contracts.config.EnvVars;
import io.playerlens.lambda.ApiKeys;
import io.playerlens.ingest.IngestConfig;
import io.playerlens.ingest.IngestHandler;
import io.playerlens.ingest.IngestMetrics;
import io.playerlens.simulator.PlayerSimulator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * The ingest handler end to end on one thread (so one core): API Gateway event in, parse, validate, pack and
 * compress, response out. The Kinesis call is excluded: a client that accepts every record without I/O.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dlog4j2.level=WARN"})
public class IngestHandlerBenchmark {
    @Param({"10", "50", "200"})
    int batchSize;

    private IngestHandler handler;
    private APIGatewayV2HTTPEvent[] requests;
    private int next;

    /** Accepts everything, as a healthy stream would, without leaving the process. */
    static final class AcceptingKinesis implements KinesisClient {
        @Override
        public PutRecordsResponse putRecords(PutRecordsRequest request) {
            PutRecordsResultEntry ok = PutRecordsResultEntry.builder().shardId("shardId-000000000000").sequenceNumber("1").build();
            return PutRecordsResponse.builder().failedRecordCount(0)
                    .records(java.util.Collections.nCopies(request.records().size(), ok)).build();
        }

        @Override
        public String serviceName() {
            return "kinesis";
        }

        @Override
        public void close() {
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        IngestConfig config = IngestConfig.fromEnv(Map.of(
                EnvVars.EVENTS_STREAM_NAME, "events",
                EnvVars.QUARANTINE_STREAM_NAME, "quarantine",
                EnvVars.API_KEY_HASHES, "bench:" + ApiKeys.sha256Hex("bench-key")));
        handler = new IngestHandler(config, new AcceptingKinesis(), IngestMetrics.NONE);
        PlayerSimulator events = new PlayerSimulator(42, 64, "p-");
        requests = new APIGatewayV2HTTPEvent[64];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = APIGatewayV2HTTPEvent.builder()
                    .withHeaders(Map.of("content-type", "application/json", "x-api-key", "bench-key"))
                    .withBody(events.clientBatch(i, System.currentTimeMillis(), batchSize).toString())
                    .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("bench-" + i).build())
                    .build();
        }
    }

    @Benchmark
    public APIGatewayV2HTTPResponse handleBatch() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(requests[next++ & 63], null);
        if (response.getStatusCode() != 200 || !response.getBody().contains("\"rejected\":[]")) {
            throw new IllegalStateException("benchmark batch was not fully accepted: " + response.getBody());
        }
        return response;
    }
}
