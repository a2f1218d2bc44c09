package dev.framelift.enhancer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import dev.framelift.model.testing.TestModels;

/** {@code framelift bench --quick}: every section runs, on real models and a real embedded broker. */
class BenchCommandIntegrationTest {
    @TempDir
    Path dir;

    @Test
    void shouldWriteEveryTableOfAQuickBenchmark() throws Exception {
        Path models = TestModels.writeAll(dir.resolve("models"));
        Path report = dir.resolve("BENCHMARKS.md");

        int exit = CommandLineAccess.execute("bench", "--quick", "--soak", "10", "--models", models.toString(), "--out",
                report.toString(), "--set", "state.dir=" + dir.resolve("state"));

        assertThat(exit).isZero();
        String md = Files.readString(report);
        assertThat(md).contains("# FrameLift benchmark", "**Quick run**", "`framelift bench --quick",
                "## 1. Ceiling", "## 2. Models", "## 3. Host path", "## 4. End to end", "## 5. Memory", "## 6. For context");
        for (String task : new String[] {"sr-x2", "sr-x4", "colorize"}) {
            assertThat(md).containsPattern("\\| " + task + " \\| " + task + " \\| " + TestModels.ARCHITECTURE
                    + " \\| [\\d,]+ \\| \\d+x\\d+ \\| 4 \\| ");
        }
        for (String encoding : new String[] {"PNG", "JPEG", "RGB8"}) {
            assertThat(md).contains("| encode " + encoding + " 1280x720 |");
        }
        for (String encoding : new String[] {"PNG", "JPEG"}) {
            for (int streams : new int[] {16, 1}) {
                assertThat(md).containsPattern("\\| " + streams + " \\| " + encoding
                        + " \\| sr-x2 \\| 160x90 \\| 8 \\| \\d+\\.\\d+ \\| \\d+\\.\\d+ \\|");
                for (int share : new int[] {50, 90}) {
                    assertThat(md).containsPattern("\\| " + streams + " \\| " + encoding + " \\| " + share
                            + "% of max \\| \\d+\\.\\d+ \\| \\d+\\.\\d+ \\| 6 \\| \\d \\| \\d+ \\| \\d+ \\| \\d+ \\|");
                }
            }
        }
        assertThat(md).contains("### The enhancer's own process", "### Soak: 10 frames", "![The enhancer's memory over the soak]"
                + "(BENCHMARKS-soak.png)", "### The benchmark process");
        assertThat(md).containsPattern("\\| started, models loaded \\| 0 \\| \\d+ MiB \\| \\d+ MiB \\|");
        assertThat(md).containsPattern("\\| after 4 frames of each model \\(colorize, sr-x2, sr-x4\\) \\| 12 \\| \\d+ MiB \\|");
        assertThat(md).containsPattern("\\| after a soak of 10 more frames \\| \\d+ \\| \\d+ MiB \\|");
        assertThat(md).containsPattern("grows by \\*\\*[+-]\\d+\\.\\d MiB per 1,000 frames\\*\\*");
        assertThat(ImageIO.read(dir.resolve("BENCHMARKS-soak.png").toFile()).getWidth()).isPositive();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldEndWithTheReasonsAsSoonAsEveryFrameIsAnsweredByARejection() throws Exception {
        Path models = TestModels.writeAll(dir.resolve("models"));
        CommandLine cli = Main.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("bench", "--quick", "--sections", "e2e", "--output-encodings", "JPEG", "--models",
                models.toString(), "--out", dir.resolve("never.md").toString(), "--set", "state.dir=" + dir.resolve("state"),
                "--set", "output.max.pixels=1000");

        assertThat(exit).isNotZero();
        assertThat(err.toString()).startsWith("framelift bench: ").contains("8 of 8 frames were rejected", "OUTPUT_TOO_LARGE")
                .doesNotContain("\tat ");
        assertThat(dir.resolve("never.md")).doesNotExist();
    }

    @Test
    void shouldRefuseAGpuBenchmarkWhereTensorFlowSeesNoGpu() {
        CommandLine cli = Main.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("bench", "--gpu", "--quick", "--models", dir.toString(), "--out",
                dir.resolve("never.md").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("framelift bench: ").contains("TensorFlow sees no GPU").doesNotContain("\tat ");
        assertThat(dir.resolve("never.md")).doesNotExist();
    }
}
