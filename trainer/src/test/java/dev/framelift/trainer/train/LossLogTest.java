package dev.framelift.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossLogTest {
    @TempDir
    Path report;

    private Path file() {
        return report.resolve("losses.csv");
    }

    private void write(long resumeStep, long... steps) throws IOException {
        try (LossLog log = new LossLog(file(), resumeStep)) {
            for (long step : steps) {
                log.append(step, "l1", step / 1000.0, Double.NaN, Double.NaN, Double.NaN);
            }
        }
    }

    private List<String> steps() throws IOException {
        return Files.readAllLines(file()).stream().map(l -> l.substring(0, l.indexOf(','))).toList();
    }

    @Test
    void shouldLeaveCellsThatDoNotApplyEmpty() throws IOException {
        try (LossLog log = new LossLog(file(), 0)) {
            log.append(100, "gan", 0.25, 1.5, Double.NaN, 3.0);
        }

        assertThat(Files.readAllLines(file())).containsExactly(LossLog.HEADER, "100,gan,0.250000,1.50000,,3.00000");
    }

    @Test
    void shouldDropTheRowsAfterTheResumedStepSoNoStepIsListedTwice() throws IOException {
        write(0, 100, 200, 300, 400);

        write(200, 300);

        assertThat(steps()).containsExactly("step", "100", "200", "300");
        assertThat(Files.readAllLines(file()).get(3)).startsWith("300,l1,0.300000,");
    }

    @Test
    void shouldStartAFreshRunWithAnEmptyHistory() throws IOException {
        write(0, 100, 200);

        write(0, 50);

        assertThat(steps()).containsExactly("step", "50");
    }
}
