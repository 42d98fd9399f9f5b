package io.playerlens.local.cli;

import io.playerlens.local.platform.LocalGames;
import io.playerlens.local.platform.LocalPlatform;
import io.playerlens.simulator.SimulatorDriver;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./playerlens up}: starts everything and stays in the foreground until Ctrl-C. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start the emulators and the local API gateway; Ctrl-C stops everything.")
final class UpCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "Gateway port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--api-key", defaultValue = io.playerlens.contracts.config.Names.LOCAL_DEV_KEY, description = "The local API key games send (default: ${DEFAULT-VALUE}).")
    String apiKey;

    @Option(names = "--keys", paramLabel = "FILE", description = "Games and their API keys, one per line: <game_id> <api_key> "
            + "[<events_per_second>] (default: one game, local-game, with --api-key).")
    Path keys;

    @Option(names = "--shards", defaultValue = "2", description = "Shards of the local events stream (default: ${DEFAULT-VALUE}).")
    int shards;

    @Option(names = "--parallelism", defaultValue = "2", description = "Parallelism of the feature job (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--simulate", description = "Also run a player simulator sending about RATE events per second.", paramLabel = "RATE")
    Double simulate;

    @Option(names = "--work-dir", defaultValue = io.playerlens.contracts.config.Names.LOCAL_WORK_DIR,
            description = "Where logs, checkpoints, the archive and endpoints.json go (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Override
    public Integer call() throws InterruptedException {
        System.out.println("Starting playerlens locally...");
        long started = System.nanoTime();
        LocalPlatform.Options options = new LocalPlatform.Options(port, apiKey, shards, workDir, parallelism);
        if (keys != null) {
            options = options.withGames(LocalGames.read(keys));
        }
        LocalPlatform platform = LocalPlatform.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        SimulatorDriver simulator = simulate == null ? null : new SimulatorDriver(platform.baseUrl(), options.apiKey(), simulate);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping playerlens...");
            if (simulator != null) {
                simulator.close();
            }
            platform.close();
            stopped.countDown();
        }, "playerlens-stop"));
        System.out.println(StatusBlock.render(platform, (System.nanoTime() - started) / 1_000_000));
        if (simulator != null) {
            System.out.printf("  Simulator        ~%.0f events/s from simulated players (sim-*): sessions, levels, coins, offers, purchases,%n"
                    + "                   with shuffled, duplicated and late batches like real mobile clients%n", simulate);
        }
        stopped.await();
        return 0;
    }
}
