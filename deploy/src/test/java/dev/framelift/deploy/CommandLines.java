package dev.framelift.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;

import picocli.CommandLine;

import dev.framelift.enhancer.cli.Main;
import dev.framelift.trainer.cli.TrainerMain;

/**
 * Checks a command line a deployment file gives an image against that image's real CLI: the
 * subcommand exists and picocli accepts every option and argument.
 */
final class CommandLines {
    private CommandLines() {
    }

    static void assertEnhancerAccepts(List<String> args) {
        assertAccepts(new CommandLine(new Main()), "framelift-enhancer", args);
    }

    static void assertTrainerAccepts(List<String> args) {
        assertAccepts(TrainerMain.commandLine(), "framelift-trainer", args);
    }

    private static void assertAccepts(CommandLine cli, String image, List<String> args) {
        assertThat(args).as("%s command", image).isNotEmpty();
        String subcommand = args.get(0);
        assertThat(cli.getSubcommands()).as("%s subcommands", image).containsKey(subcommand);
        try {
            cli.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            fail("%s rejects %s: %s", image, args, e.getMessage());
        }
    }
}
