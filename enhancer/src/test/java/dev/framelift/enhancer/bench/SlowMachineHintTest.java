package dev.framelift.enhancer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

/** The advice an end-to-end run ends with when its frames were rejected. */
class SlowMachineHintTest {
    @Test
    void shouldTellASlowMachineHowToRerunWhenFramesTimedOut() {
        final String hint = Benchmark.slowMachineHint(Set.of("CORRUPT_IMAGE", "TIMEOUT"), 48, 640, 360, 20_000);

        assertThat(hint).contains("48 frames of 640x360 within frame.deadline.ms=20000",
                "--set frame.deadline.ms=300000", "a smaller --size", "fewer --frames");
    }

    @Test
    void shouldAddNothingWhenNoFrameTimedOut() {
        assertThat(Benchmark.slowMachineHint(Set.of("CORRUPT_IMAGE"), 48, 640, 360, 20_000)).isEmpty();
        assertThat(Benchmark.slowMachineHint(Set.of(), 48, 640, 360, 20_000)).isEmpty();
    }
}
