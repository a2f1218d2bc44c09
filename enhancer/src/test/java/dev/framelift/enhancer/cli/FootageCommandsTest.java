package dev.framelift.enhancer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.enhancer.testing.TestFootage;

/** What {@code ingest} and {@code export} tell a person who hands them something wrong; no broker needed. */
class FootageCommandsTest {
    /** The port is never listened on: every case here must fail before Kafka is reached. */
    private static final String NO_BROKER = "127.0.0.1:1";

    @Test
    void shouldExitNonZeroWithOneLineAndNoStackTraceForACorruptVideo(@TempDir Path dir) throws IOException {
        Path corrupt = TestFootage.damagedClip(dir);

        Run run = run("ingest", "--bootstrap-servers", NO_BROKER, "--stream", "cam", "--task", "sr-x2", corrupt.toString());

        assertThat(run.exit).isEqualTo(1);
        assertThat(run.err.strip()).startsWith("framelift ingest: cannot read video " + corrupt).doesNotContain("\n")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void shouldSayWhenTheSourceDoesNotExist(@TempDir Path dir) {
        Run run = run("ingest", "--bootstrap-servers", NO_BROKER, "--stream", "cam", "--task", "sr-x2",
                dir.resolve("nowhere.mp4").toString());

        assertThat(run.exit).isEqualTo(1);
        assertThat(run.err.strip()).isEqualTo("framelift ingest: no such file or folder: " + dir.resolve("nowhere.mp4"));
    }

    @Test
    void shouldRefuseAnUnknownTaskBeforeReadingTheSource() {
        Run run = run("ingest", "--bootstrap-servers", NO_BROKER, "--stream", "cam", "--task", "sr-x3", "-");

        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err).contains("unknown task 'sr-x3'");
    }

    @Test
    void shouldNeverOverwriteAnExistingVideo(@TempDir Path dir) throws IOException {
        Path existing = Files.writeString(dir.resolve("holiday.mp4"), "precious");

        Run run = run("export", "--bootstrap-servers", NO_BROKER, "--stream", "cam", "--out", existing.toString());

        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err).contains(existing + " exists");
        assertThat(Files.readString(existing)).isEqualTo("precious");
    }

    @Test
    void shouldRefuseANonEmptyFolderForPngs(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("000000.png"), "someone else's");

        Run run = run("export", "--bootstrap-servers", NO_BROKER, "--stream", "cam", "--out", dir.toString());

        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err).contains("is not empty");
        assertThat(Files.readString(dir.resolve("000000.png"))).isEqualTo("someone else's");
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = Main.commandLine().execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
