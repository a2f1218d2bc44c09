package dev.framelift.trainer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;


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

    /**
     * The command line, with a one-line error instead of a stack trace for the failures a user
     * can act on: a wrong argument found late (exit 2) and an I/O failure (exit 1).
     */
    public static CommandLine commandLine() {
        final CommandLine cl = new CommandLine(new TrainerMain()).setUsageHelpWidth(120);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            if (!(e instanceof IllegalArgumentException) && !(e instanceof java.io.IOException)) {
                throw e;
            }
            line.getErr().println(line.getCommandName() + ": " + e.getMessage());
            line.getErr().flush();
            return e instanceof IllegalArgumentException ? 2 : 1;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
