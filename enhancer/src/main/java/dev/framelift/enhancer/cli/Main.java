package dev.framelift.enhancer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the enhancer's commands. */
@Command(name = "framelift", mixinStandardHelpOptions = true, version = "FrameLift 0.1.0",
        description = {"Streaming image enhancement on Kafka: super-resolution and colorization GAN generators.", ""},
        subcommands = {DemoCommand.class, RunCommand.class, EnhanceCommand.class, IngestCommand.class, ExportCommand.class,
                FlickerCommand.class, ReplayCommand.class, BrokerCommand.class, BenchCommand.class, ChaosCommand.class,
                AuditCommand.class, CorpusCommand.class, ConfigCommand.class, ModelsCommand.class},
        footer = {"", "Also, from the trainer (./framelift train --help, ./framelift evaluate --help):",
                "  train      Train a generator on a folder of photos or a camera's frames; export, optionally publish it.",
                "  evaluate   Measure an exported model against the naive baseline on any folder."})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        // descriptions are written as lines of up to 120 characters; at picocli's default 80 they break raggedly
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).setUsageHelpWidth(120)
                .setExecutionExceptionHandler(new CommandErrors());
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
