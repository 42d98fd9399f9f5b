package io.playerlens.local.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code ./playerlens}: the developer commands of the platform. */
@Command(name = "playerlens", mixinStandardHelpOptions = true, version = "playerlens 0.1.0",
        description = "Live player activity to personalised offers: run the platform locally and work with it.",
        subcommands = {UpCommand.class, ModelCommand.class, CommandLine.HelpCommand.class})
public final class PlayerlensCli {

    public static void main(String[] args) {
        io.playerlens.local.platform.LocalPlatform.prepareJvm();
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "log4j2-local.xml");
        }
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code (what the tests call). */
    public static int run(String... args) {
        return new CommandLine(new PlayerlensCli()).execute(args);
    }
}
