package dev.framelift.enhancer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.enhancer.inference.BatchingConfig;
import dev.framelift.enhancer.reject.FrameRejectedException;
import dev.framelift.enhancer.testing.TestFrames;
import dev.framelift.enhancer.testing.TestPayloads;
import dev.framelift.enhancer.testing.TestPipeline;
import dev.framelift.schema.Encoding;
import dev.framelift.schema.RejectReason;
import dev.framelift.schema.Tasks;

/** The frame budget: output pixels refused from the header, a passed deadline before any inference. */
class FrameBudgetTest {
    @TempDir
    static Path work;
    static TestPipeline pipeline;

    @BeforeAll
    static void loadModels() throws Exception {
        pipeline = TestPipeline.create(work, BatchingConfig.defaults());
    }

    @AfterAll
    static void closeModels() {
        pipeline.close();
    }

    @Test
    void shouldRefuseAnSrX4FrameWhoseOutputWouldBe16384SquareBeforeDecodingIt() {
        // within the input limits (16 MP), but x4 makes 268 MP
        byte[] png = TestPayloads.pngClaiming(4096, 4096);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        assertThatThrownBy(() -> pipeline.pipeline().enhance(TestFrames.frame("cam", 0, Tasks.SR_X4, Encoding.PNG, png, 0, 0)))
                .isInstanceOf(FrameRejectedException.class)
                .satisfies(e -> assertThat(((FrameRejectedException) e).reason()).isEqualTo(RejectReason.OUTPUT_TOO_LARGE))
                .hasMessageContaining("sr-x4 of 4096x4096 would be 16384x16384 (268.4 MP)")
                .hasMessageContaining("output.max.pixels");
        assertThat(threads.getCurrentThreadAllocatedBytes() - before).as("bytes allocated").isLessThan(4 << 20);
    }

    @Test
    void shouldAcceptTheSameFrameForATaskWhoseOutputFits() {
        assertThatThrownBy(() -> pipeline.pipeline().enhance(TestFrames.frame("cam", 0, Tasks.COLORIZE, Encoding.PNG,
                TestPayloads.pngClaiming(4096, 4096), 0, 0)))
                .satisfies(e -> assertThat(((FrameRejectedException) e).reason())
                        .as("past the budget check, the fake header's missing pixel data is what fails")
                        .isEqualTo(RejectReason.CORRUPT_IMAGE));
    }

    @Test
    void shouldCountOutputPixelsPerInferenceSoATilerCanReuseTheCheck() throws FrameRejectedException {
        FrameBudget budget = new FrameBudget(java.time.Duration.ofSeconds(1), 1000);
        budget.checkOutput("sr-x2", 15, 16, 2); // 30 x 32 = 960
        assertThatThrownBy(() -> budget.checkOutput("sr-x2", 16, 16, 2)).isInstanceOf(FrameRejectedException.class);
    }

    @Test
    void shouldRejectAFrameWhoseDeadlineHasPassedWithoutRunningItsInference() {
        long ranBefore = pipeline.batcher().framesRun();

        assertThatThrownBy(() -> pipeline.pipeline().enhance(TestFrames.png("cam", 0, Tasks.SR_X2, 12, 10, false),
                System.nanoTime() - 1))
                .satisfies(e -> assertThat(((FrameRejectedException) e).reason()).isEqualTo(RejectReason.TIMEOUT))
                .hasMessageContaining("not queued for inference");
        assertThat(pipeline.batcher().framesRun()).isEqualTo(ranBefore);
    }
}
