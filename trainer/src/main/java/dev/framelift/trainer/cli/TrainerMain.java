package dev.framelift.trainer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import dev.framelift.trainer.eval.EvaluateCommand;

/** Entry point: {@code java -cp ... dev.framelift.trainer.cli.TrainerMain train|evaluate ...}. */
@Command(name = "framelift-trainer", mixinStandardHelpOptions = true, version = "framelift-trainer 0.1.0",
        description = "Trains, evaluates and exports FrameLift's super-resolution and colorization generators.",
        subcommands = {TrainCommand.class, EvaluateCommand.class})
public final class TrainerMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    public static CommandLine commandLine() {
        return new CommandLine(new TrainerMain());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
