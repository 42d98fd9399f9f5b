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
 * {@code ingest} runs the JMH handler benchmark and the record-format sizes.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "playerlens benchmarks (speed and cost targets live here).",
        subcommands = {StackBench.class, BenchmarksCli.Ingest.class, CommandLine.HelpCommand.class})
public final class BenchmarksCli {

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
