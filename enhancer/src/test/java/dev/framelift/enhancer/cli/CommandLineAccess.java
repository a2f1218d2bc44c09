package dev.framelift.enhancer.cli;

/** Runs the {@code framelift} command line in-process, for tests outside the cli package. */
public final class CommandLineAccess {
    private CommandLineAccess() {
    }

    /** @return the exit status the command would give */
    public static int execute(String... args) {
        return Main.commandLine().execute(args);
    }
}
