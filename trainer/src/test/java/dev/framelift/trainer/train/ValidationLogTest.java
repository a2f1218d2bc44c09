package dev.framelift.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidationLogTest {
    @TempDir
    Path report;

    private static Validator.Score score(double gain) {
        final Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("psnr_y", 30 + gain);
        metrics.put("psnr_y_gain", gain);
        return new Validator.Score(gain, metrics, Map.of());
    }

    private List<String> column(int index) throws IOException {
        return Files.readAllLines(report.resolve(ValidationLog.FILE)).stream().map(l -> l.split(",")[index]).toList();
    }

    @Test
    void shouldWriteTheHeaderFromTheFirstScoreThenOneRowPerValidation() throws IOException {
        final ValidationLog log = new ValidationLog(report, 0);
        log.append(1000, score(3.5));
        log.append(2000, score(3.75));

        final List<String> lines = Files.readAllLines(report.resolve(ValidationLog.FILE));
        assertThat(lines.get(0)).isEqualTo("step,unix_seconds,psnr_y,psnr_y_gain");
        assertThat(column(0)).containsExactly("step", "1000", "2000");
        assertThat(column(3)).containsExactly("psnr_y_gain", "3.50000", "3.75000");
    }

    @Test
    void shouldDropTheRowsAfterTheResumedStepSoNoStepIsListedTwice() throws IOException {
        final ValidationLog first = new ValidationLog(report, 0);
        first.append(1000, score(3.5));
        first.append(2000, score(3.6));
        first.append(3000, score(3.7));

        final ValidationLog resumed = new ValidationLog(report, 2000);
        resumed.append(3000, score(3.8));

        assertThat(column(0)).containsExactly("step", "1000", "2000", "3000");
        assertThat(column(3)).containsExactly("psnr_y_gain", "3.50000", "3.60000", "3.80000");
    }

    @Test
    void shouldStartAFreshRunWithAnEmptyHistory() throws IOException {
        final ValidationLog first = new ValidationLog(report, 0);
        first.append(1000, score(3.5));

        final ValidationLog fresh = new ValidationLog(report, 0);
        fresh.append(500, score(1.0));

        assertThat(column(0)).containsExactly("step", "500");
    }
}
