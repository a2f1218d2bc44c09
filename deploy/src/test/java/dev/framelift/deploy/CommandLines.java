package dev.framelift.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.Set;

import picocli.CommandLine;

import dev.framelift.enhancer.cli.Main;
import dev.framelift.trainer.cli.TrainerMain;

/**
 * Checks a command line a deployment file gives an image against that image's real CLI: the
 * subcommand exists and picocli accepts every option and argument.
 */
final class CommandLines {
    /**
     * Subcommands the deployment files already use that arrive with the models topic's publisher
     * ({@code models publish}). Accepted while the CLI lacks them; checked like any other command
     * as soon as it has them.
     */
    private static final Set<String> AWAITED = Set.of("models");

    private CommandLines() {
    }

    static void assertEnhancerAccepts(List<String> args) {
        assertAccepts(new CommandLine(new Main()), "framelift-enhancer", args);
    }

    static void assertTrainerAccepts(List<String> args) {
        assertAccepts(TrainerMain.commandLine(), "framelift-trainer", args);
    }

    /** Whether the enhancer's CLI has the subcommand yet. */
    static boolean enhancerHas(String subcommand) {
        return new CommandLine(new Main()).getSubcommands().containsKey(subcommand);
    }

    private static void assertAccepts(CommandLine cli, String image, List<String> args) {
        assertThat(args).as("%s command", image).isNotEmpty();
        String subcommand = args.get(0);
        if (!cli.getSubcommands().containsKey(subcommand)) {
            assertThat(AWAITED).as("%s has no subcommand '%s' (it has %s)", image, subcommand,
                    cli.getSubcommands().keySet()).contains(subcommand);
            return;
        }
        try {
            cli.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            fail("%s rejects %s: %s", image, args, e.getMessage());
        }
    }
}
