package dev.framelift.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** The per-camera and publishing options of {@code train}: help, and the mistakes refused before any work. */
class TrainCommandStreamOptionsTest {
    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = TrainerMain.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void shouldDescribeFineTuningAndPublishingInHelp() {
        Run r = run("train", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--init", "--minutes", "--from-topic", "--stream", "--bootstrap-servers", "--publish",
                "--sign-key", "--unsigned", "--force", "--scope", "--max-frames", "newest", "3 trained but not published");
    }

    @Test
    void shouldRefuseMistakesBeforeAnyWork() {
        assertThat(run("train", "--task", "colorize", "--out", "o").err()).contains("either --data DIR or --from-topic");
        assertThat(run("train", "--task", "colorize", "--out", "o", "--data", "d", "--from-topic", "frames.raw").err())
                .contains("either --data DIR or --from-topic");
        assertThat(run("train", "--task", "colorize", "--out", "o", "--from-topic", "frames.raw").err())
                .contains("--from-topic needs --stream ID and --bootstrap-servers");
        assertThat(run("train", "--task", "colorize", "--out", "o", "--data", "d", "--publish",
                "--bootstrap-servers", "k:9092").err()).contains("--publish needs --sign-key FILE");
        assertThat(run("train", "--task", "colorize", "--out", "o", "--data", "d", "--minutes", "5", "--resume").err())
                .contains("cannot be resumed");
        Run wrongSplit = run("train", "--task", "colorize", "--out", "o", "--data", "d", "--split", "oldest");
        assertThat(wrongSplit.exit()).isEqualTo(2);
        assertThat(wrongSplit.err()).contains("spread, random or newest");
    }
}
