package dev.framelift.enhancer.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.enhancer.reject.FrameRejectedException;
import dev.framelift.enhancer.testing.FailingGenerators;
import dev.framelift.model.testing.TestImages;
import dev.framelift.model.testing.TestModels;
import dev.framelift.schema.RejectReason;
import dev.framelift.schema.Tasks;

/** Deadlines, withdrawn frames and retries: no frame's work runs late, and no failure is final too soon. */
class MicroBatcherDeadlineTest {
    @TempDir
    static Path modelsDir;
    static ModelRegistry registry;

    @BeforeAll
    static void loadModels() throws Exception {
        registry = ModelRegistry.load(TestModels.writeAll(modelsDir));
    }

    @AfterAll
    static void closeModels() {
        registry.close();
    }

    @Test
    void shouldDropAFrameWhoseDeadlinePassesWhileItWaitsForItsBatch() {
        try (MicroBatcher batcher = new MicroBatcher(registry, new BatchingConfig(8, Duration.ofSeconds(30), 64))) {
            CompletableFuture<Enhancement> late = batcher.submit(Tasks.SR_X2, TestImages.gradient(8, 8, 3, 0),
                    System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100));

            assertRejected(late, RejectReason.TIMEOUT);
            assertThat(batcher.framesRun()).as("its inference never ran").isZero();
            assertThat(batcher.queued()).isZero();
        }
    }

    @Test
    void shouldNeverRunAFrameItsSubmitterWithdrew() throws Exception {
        try (MicroBatcher batcher = new MicroBatcher(registry, new BatchingConfig(2, Duration.ofMillis(300), 64))) {
            CompletableFuture<Enhancement> withdrawn = batcher.submit(Tasks.SR_X2, TestImages.gradient(8, 8, 3, 0));
            withdrawn.cancel(false);
            Enhancement other = batcher.submit(Tasks.SR_X2, TestImages.gradient(8, 8, 3, 1)).get(10, TimeUnit.SECONDS);

            assertThat(other.batchSize()).as("the withdrawn frame did not share the batch").isEqualTo(1);
            assertThat(batcher.framesRun()).isEqualTo(1);
        }
    }

    @Test
    void shouldStopWaitingForRoomInTheQueueAtTheFrameDeadline() {
        // two frames of different shapes fill the queue, and neither bucket runs for 30 s
        try (MicroBatcher batcher = new MicroBatcher(registry, new BatchingConfig(2, Duration.ofSeconds(30), 2))) {
            batcher.submit(Tasks.SR_X2, TestImages.gradient(8, 8, 3, 0));
            batcher.submit(Tasks.SR_X2, TestImages.gradient(8, 10, 3, 1));
            assertThat(batcher.queued()).isEqualTo(2);

            long start = System.nanoTime();
            CompletableFuture<Enhancement> blocked = batcher.submit(Tasks.SR_X2, TestImages.gradient(8, 12, 3, 2),
                    System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200));

            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("submit waited for its deadline")
                    .isGreaterThanOrEqualTo(150).isLessThan(10_000);
            assertRejected(blocked, RejectReason.TIMEOUT);
        }
    }

    @Test
    void shouldRetryATransientInferenceFailureUntilItPasses(@TempDir Path dir) throws Exception {
        try (ModelRegistry flaky = ModelRegistry.of(Generator.load(FailingGenerators.failingRuns(dir, 2)));
                MicroBatcher batcher = new MicroBatcher(flaky, new BatchingConfig(4, Duration.ZERO, 16, 2))) {
            Enhancement result = batcher.submit(Tasks.SR_X2, TestImages.gradient(8, 6, 3, 0)).get(10, TimeUnit.SECONDS);

            assertThat(result.output().width()).isEqualTo(16);
            assertThat(batcher.batchesRun()).as("two failed runs, then one that passed").isEqualTo(3);
        }
    }

    @Test
    void shouldRejectWithInferenceFailedOnceTheRetriesAreSpent(@TempDir Path dir) throws Exception {
        try (ModelRegistry flaky = ModelRegistry.of(Generator.load(FailingGenerators.failingRuns(dir, 2)));
                MicroBatcher batcher = new MicroBatcher(flaky, new BatchingConfig(4, Duration.ZERO, 16, 1))) {
            CompletableFuture<Enhancement> failed = batcher.submit(Tasks.SR_X2, TestImages.gradient(8, 6, 3, 0));

            FrameRejectedException rejection = assertRejected(failed, RejectReason.INFERENCE_FAILED);
            assertThat(rejection.getMessage()).contains("after 2 attempt(s)").contains("injected device failure");
            assertThat(batcher.batchesRun()).isEqualTo(2);
            assertThat(batcher.submit(Tasks.SR_X2, TestImages.gradient(8, 6, 3, 1)).get(10, TimeUnit.SECONDS))
                    .as("the next frame is served").isNotNull();
        }
    }

    @Test
    void shouldRunEachFrameAloneOnTheLastRetrySoABatchTooLargeForTheDeviceStillPasses(@TempDir Path dir)
            throws Exception {
        try (ModelRegistry small = ModelRegistry.of(Generator.load(FailingGenerators.failingBatchesLargerThan(dir, 1)));
                MicroBatcher batcher = new MicroBatcher(small, new BatchingConfig(3, Duration.ofSeconds(5), 16, 1))) {
            CompletableFuture<Enhancement> a = batcher.submit(Tasks.SR_X2, TestImages.gradient(8, 6, 3, 0));
            CompletableFuture<Enhancement> b = batcher.submit(Tasks.SR_X2, TestImages.gradient(8, 6, 3, 1));
            CompletableFuture<Enhancement> c = batcher.submit(Tasks.SR_X2, TestImages.gradient(8, 6, 3, 2));

            for (CompletableFuture<Enhancement> frame : java.util.List.of(a, b, c)) {
                assertThat(frame.get(10, TimeUnit.SECONDS).batchSize()).isEqualTo(1);
            }
            assertThat(batcher.batchesRun()).as("one batch of 3, then 3 alone").isEqualTo(4);
        }
    }

    private static FrameRejectedException assertRejected(CompletableFuture<Enhancement> future, RejectReason reason) {
        Throwable cause = null;
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            cause = e.getCause();
        } catch (Exception e) {
            cause = e;
        }
        assertThat(cause).isInstanceOf(FrameRejectedException.class);
        assertThat(((FrameRejectedException) cause).reason()).isEqualTo(reason);
        return (FrameRejectedException) cause;
    }

    @Test
    void shouldRefuseANegativeRetryCount() {
        assertThatThrownBy(() -> new BatchingConfig(1, Duration.ZERO, 1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
