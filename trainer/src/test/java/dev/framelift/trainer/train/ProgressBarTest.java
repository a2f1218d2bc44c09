package dev.framelift.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void shouldShowStepPhaseLossesRateAndEta() {
        String line = ProgressBar.line(250, 1000, "gan", 0.0123, 0.7, 1.3, 2.5, 5.0);
        assertThat(line).contains("250/1000", "gan", "l1=0.0123", "adv=0.700", "d=1.300", "val=2.500", "5.00 steps/s",
                "ETA 02:30");
    }

    @Test
    void shouldPrintPlainLinesWithoutCarriageReturnsWhenNotATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes), false, 0);
        for (int step = 1; step <= 3; step++) {
            bar.update(step, 3, "l1", 0.1, Double.NaN, Double.NaN, Double.NaN);
        }
        String out = bytes.toString();
        assertThat(out).doesNotContain("\r").contains("3/3 l1");
        assertThat(out).doesNotContain("adv=");
    }
}
