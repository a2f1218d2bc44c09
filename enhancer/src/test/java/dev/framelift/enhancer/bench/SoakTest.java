package dev.framelift.enhancer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The soak's verdict: the slope of memory over the last half of the frames. */
class SoakTest {
    @Test
    void shouldMeasureGrowthPerThousandFramesOverTheLastHalfOnly() {
        double[] frames = {0, 100, 200, 300, 400, 500, 600, 700, 800};
        // a start-up climb in the first half, then 5 MiB per 100 frames
        double[] mib = {400, 700, 900, 1000, 1000, 1005, 1010, 1015, 1020};

        assertThat(Soak.slopePerThousand(frames, mib)).isCloseTo(50.0, within(1e-9));
    }

    @Test
    void shouldCallFlatMemoryFlat() {
        assertThat(Soak.slopePerThousand(new double[] {0, 500, 1000, 1500, 2000}, new double[] {700, 760, 760, 760, 760}))
                .isCloseTo(0.0, within(1e-9));
    }

    @Test
    void shouldNotInventASlopeFromOnePoint() {
        assertThat(Soak.slopePerThousand(new double[] {0}, new double[] {500})).isNaN();
        assertThat(Soak.slopePerThousand(new double[0], new double[0])).isNaN();
    }

    @Test
    void shouldGiveTheEnhancerTheRunFlagsOfTheLaunchersFirst() {
        assertThat(EnhancerProcess.runFlags(Map.of("FRAMELIFT_RUN_JAVA_OPTS", " -Xmx512m  -XX:+UseG1GC ")))
                .containsExactly("-Xmx512m", "-XX:+UseG1GC");
        assertThat(EnhancerProcess.runFlags(Map.of("FRAMELIFT_RUN_JAVA_OPTS", ""))).isEmpty();
        assertThat(EnhancerProcess.runFlags(Map.of())).isEmpty();
        assertThat(EnhancerProcess.reported(List.of("-Xmx512m", "-Dframelift.home=/home/me/framelift", "-Dx=1")))
                .containsExactly("-Xmx512m", "-Dx=1");
    }
}
