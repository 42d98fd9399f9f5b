package io.playerlens.bench;

import io.playerlens.bench.stack.StackBench;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./playerlens bench}: the benchmarks. {@code stack} (the default) runs the whole local stack under load;
 * {@code ingest} runs the JMH handler benchmark and the record-format sizes; {@code sdk-http} compares the SDK's HTTP
 * clients on the Lambdas' calls.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "playerlens benchmarks (speed and cost targets live here).",
        subcommands = {StackBench.class, BenchmarksCli.Soak.class, BenchmarksCli.Ingest.class, SdkHttpBench.class,
                CommandLine.HelpCommand.class})
public final class BenchmarksCli {

    @Command(name = "soak", mixinStandardHelpOptions = true,
            description = "A long run of the local stack at a steady rate (client batches, open loop, a light offers load): freshness "
                    + "per stage and per minute, CPU, RSS and heap per minute, and the oracle at the end (every player's events_total "
                    + "against what was acknowledged). Not in CI; its figures go to docs/benchmarks.md.")
    static final class Soak implements Callable<Integer> {
        @Option(names = "--rate", defaultValue = "300", description = "Events per second (default: ${DEFAULT-VALUE}).")
        double rate;

        @Option(names = "--minutes", defaultValue = "30", description = "Measured minutes (default: ${DEFAULT-VALUE}).")
        int minutes;

        @Option(names = "--offers-rate", defaultValue = "20", description = "GET /offers per second (default: ${DEFAULT-VALUE}).")
        double offersRate;

        @Option(names = "--out", defaultValue = "target/soak", description = "Report folder (default: ${DEFAULT-VALUE}).")
        String out;

        @Override
        public Integer call() {
            return new CommandLine(new StackBench()).execute("--shapes", "client", "--rate", Double.toString(rate), "--duration",
                    Integer.toString(minutes * 60), "--warmup", "30", "--tracked", "10", "--offers-rate", Double.toString(offersRate),
                    "--out", out);
        }
    }

    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = "JMH: ingest handler throughput per core; compressed bytes per event and shard capacity per codec.")
    static final class Ingest implements Callable<Integer> {
        @Option(names = "--sizes-only", description = "Record sizes and shard capacity only (skips JMH, ~30 s).")
        boolean sizesOnly;

        @Override
        public Integer call() throws Exception {
            IngestBench.main(sizesOnly ? new String[] {"--sizes-only"} : new String[0]);
            return 0;
        }
    }

    public static void main(String[] args) {
        io.playerlens.local.platform.LocalPlatform.prepareJvm();
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "log4j2-local.xml");
        }
        List<String> arguments = new ArrayList<>(List.of(args));
        if (arguments.isEmpty() || arguments.get(0).startsWith("-") && !List.of("-h", "--help", "-V", "--version").contains(arguments.get(0))) {
            arguments.add(0, "stack"); // ./playerlens bench --rate 1000 ...: the stack benchmark
        }
        System.exit(new CommandLine(new BenchmarksCli()).execute(arguments.toArray(String[]::new)));
    }
}
