package dev.framelift.enhancer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Timings;

class WorkRateTest {
    private static EnhancedFrame frame(long enhancedMs, double workMs) {
        Timings t = new Timings();
        t.setDecodeMs(workMs / 4);
        t.setQueuedMs(workMs / 4);
        t.setInferenceMs(workMs / 4);
        t.setEncodeMs(workMs / 4);
        EnhancedFrame f = new EnhancedFrame();
        f.setTimings(t);
        f.setEnhancedTime(Instant.ofEpochMilli(enhancedMs));
        return f;
    }

    @Test
    void shouldCountFromTheStartOfTheFirstFramesWorkToTheLastEnhancedTime() {
        // work on the first frame began at 1,000 ms; the last one was done at 3,000 ms: 4 frames in 2 s
        List<EnhancedFrame> out = List.of(frame(1_500, 500), frame(2_000, 500), frame(3_000, 400), frame(2_500, 600));
        assertThat(Benchmark.workRate(out)).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void shouldBeZeroWithoutFrames() {
        assertThat(Benchmark.workRate(List.of())).isZero();
    }
}
