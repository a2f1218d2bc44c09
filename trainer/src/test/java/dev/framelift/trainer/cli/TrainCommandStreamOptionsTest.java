package dev.framelift.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

import dev.framelift.trainer.model.TrainingTask;

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

    @Test
    void shouldRefuseATaskNameThatIsNotATrainingTask() {
        Run served = run("train", "--task", "sr-x2-perceptual", "--out", "o", "--data", "d");
        assertThat(served.exit()).isEqualTo(2);
        assertThat(served.err())
                .contains("sr-x2-perceptual is --task sr-x2 --flavour perceptual");
        assertThat(run("evaluate", "--task", "colourise", "--model", "m", "--data", "d").err())
                .contains("unknown task 'colourise' (sr-x2, sr-x4 or colorize)");
        assertThat(run("train", "--task", "colorize", "--flavour", "realtime", "--out", "o", "--data", "d").err())
                .contains("--flavour realtime is for sr-x2 and sr-x4");
    }

    @Test
    void shouldHelpWithTheTasksAndTheirOwnDefaults() {
        String help = run("train", "--help").out().replaceAll("\\s+", " ");
        assertThat(help).contains("--task=<task> " + TrainingTask.names() + ".");
        // the per-task defaults are written out in the option descriptions: they must say what TrainingTask does
        assertThat(help).contains("default: 96 for sr-x2, 128 for sr-x4 and colorize; 64 with --init",
                "default: 1e-3 for SR, 3e-4 for colorize and with --init", "default: 1e-3 for SR, 5e-3 for colorize");
        assertThat(new int[] {TrainingTask.SR_X2.defaultPatch(), TrainingTask.SR_X4.defaultPatch(),
            TrainingTask.COLORIZE.defaultPatch()}).containsExactly(96, 128, 128);
        assertThat(new float[] {TrainingTask.SR_X2.defaultLearningRate(), TrainingTask.SR_X4.defaultLearningRate(),
            TrainingTask.COLORIZE.defaultLearningRate()}).containsExactly(1e-3f, 1e-3f, 3e-4f);
        assertThat(new float[] {TrainingTask.SR_X2.defaultAdvWeight(), TrainingTask.SR_X4.defaultAdvWeight(),
            TrainingTask.COLORIZE.defaultAdvWeight()}).containsExactly(1e-3f, 1e-3f, 5e-3f);
        assertThat(run("evaluate", "--help").out().replaceAll("\\s+", " "))
                .contains("--task=TASK " + TrainingTask.names() + ": only for a model directory without card.json");
    }
}
