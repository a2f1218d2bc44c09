package dev.framelift.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class TrainerMainTest {
    @Test
    void shouldDescribeEveryTrainingOptionInHelp() {
        StringWriter out = new StringWriter();
        CommandLine cl = TrainerMain.commandLine();
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("train", "--help")).isZero();
        assertThat(out.toString()).contains("--task", "--data", "--out", "--steps", "--batch", "--patch", "--seed",
                "--resume", "--arch", "--degrade", "--gan-steps", "--threads", "--chroma-gain", "sr-x2, sr-x4 or colorize");
    }

    @Test
    void shouldRejectAnUnknownTask() {
        CommandLine cl = TrainerMain.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("train", "--task", "sr-x3", "--data", "x", "--out", "y")).isEqualTo(2);
        assertThat(err.toString()).contains("--task", "unknown task 'sr-x3' (sr-x2, sr-x4 or colorize)");
    }

    @Test
    void shouldRefuseBinsCropsLargerThanTheWorkingSide() {
        CommandLine cl = TrainerMain.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("train", "--task", "colorize", "--arch", "bins", "--patch", "512", "--data", "x", "--out", "y"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--patch 512", "at most 384 px");
    }

    @Test
    void shouldGrowOnlyAnArchitectureThatGrowsFromTheInitModel() {
        CommandLine cl = TrainerMain.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("train", "--task", "colorize", "--arch", "fast", "--init", "../models/colorize", "--data", "x",
                "--out", "y")).isEqualTo(2);
        assertThat(err.toString()).contains("--arch fast but the --init model is bins-semantic");
        assertThat(cl.execute("train", "--task", "colorize", "--arch", "bins-deep", "--init", "../models/colorize", "--data", "x",
                "--out", "y")).as("bins-deep grows from bins, not from bins-semantic").isEqualTo(2);
        assertThat(err.toString()).contains("--arch bins-deep but the --init model is bins-semantic");
        assertThat(cl.execute("train", "--task", "colorize", "--arch", "bins-semantic", "--init", "../models/colorize",
                "--patch", "512", "--data", "x", "--out", "y")).as("the init model's own architecture; its crops are checked next").isEqualTo(2);
        assertThat(err.toString()).contains("--patch 512", "at most 384 px");
        StringWriter grown = new StringWriter();
        cl.setErr(new PrintWriter(grown));
        assertThat(cl.execute("train", "--task", "colorize", "--arch", "bins-semantic-fine", "--init", "../models/colorize",
                "--patch", "512", "--data", "x", "--out", "y")).as("bins-semantic-fine grows from bins-semantic").isEqualTo(2);
        assertThat(grown.toString()).contains("--patch 512").doesNotContain("--init model is");
    }
}
