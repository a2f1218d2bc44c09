package dev.framelift.enhancer.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.enhancer.reject.FrameRejectedException;
import dev.framelift.model.Image;
import dev.framelift.model.testing.TestImages;
import dev.framelift.model.testing.TestModels;
import dev.framelift.schema.RejectReason;
import dev.framelift.schema.Tasks;

class MicroBatcherTest {
    @TempDir
    static Path modelsDir;
    static ModelRegistry registry;

    @BeforeAll
    static void loadModels() throws IOException {
        registry = ModelRegistry.load(TestModels.writeAll(modelsDir));
    }

    @AfterAll
    static void closeModels() {
        registry.close();
    }

    @Test
    void shouldFormBatchesAcrossSubmittingThreads() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (MicroBatcher batcher = new MicroBatcher(registry, new BatchingConfig(8, Duration.ofMillis(200), 64))) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Enhancement>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int seed = i;
                results.add(pool.submit(() -> {
                    start.await();
                    return batcher.submit(Tasks.SR_X2, TestImages.gradient(32, 24, 3, seed)).get(10, TimeUnit.SECONDS);
                }));
            }
            start.countDown();
            int largest = 0;
            for (Future<Enhancement> result : results) {
                Enhancement e = result.get(20, TimeUnit.SECONDS);
                assertThat(e.output().width()).isEqualTo(64);
                assertThat(e.output().height()).isEqualTo(48);
                assertThat(e.modelVersion()).isEqualTo("test-1");
                largest = Math.max(largest, e.batchSize());
            }
            assertThat(largest).isGreaterThan(1);
            assertThat(batcher.framesRun()).isEqualTo(threads);
            assertThat(batcher.batchesRun()).isLessThan(threads);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldGiveEachFrameItsOwnOutput() throws Exception {
        try (MicroBatcher batcher = new MicroBatcher(registry, new BatchingConfig(8, Duration.ofMillis(100), 64))) {
            List<Image> inputs = new ArrayList<>();
            List<CompletableFuture<Enhancement>> futures = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                inputs.add(TestImages.gradient(16, 16, 3, i * 5));
                futures.add(batcher.submit(Tasks.SR_X2, inputs.get(i)));
            }
            for (int i = 0; i < 5; i++) {
                Enhancement e = futures.get(i).get(10, TimeUnit.SECONDS);
                assertThat(e.batchSize()).isEqualTo(5);
                Image reference = TestImages.nearestUpscale(inputs.get(i), 2);
                double own = TestImages.meanAbsDiff(reference, e.output());
                for (int j = 0; j < 5; j++) {
                    if (j != i) {
                        Image other = TestImages.nearestUpscale(inputs.get(j), 2);
                        assertThat(own).isLessThan(TestImages.meanAbsDiff(other, e.output()));
                    }
                }
            }
        }
    }

    @Test
    void shouldNeverMixShapesOrTasksInOneBatch() throws Exception {
        try (MicroBatcher batcher = new MicroBatcher(registry, new BatchingConfig(8, Duration.ofMillis(150), 64))) {
            List<CompletableFuture<Enhancement>> small = new ArrayList<>();
            List<CompletableFuture<Enhancement>> wide = new ArrayList<>();
            List<CompletableFuture<Enhancement>> x4 = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                small.add(batcher.submit(Tasks.SR_X2, TestImages.gradient(10, 10, 3, i)));
                wide.add(batcher.submit(Tasks.SR_X2, TestImages.gradient(20, 10, 3, i)));
                if (i < 2) {
                    x4.add(batcher.submit(Tasks.SR_X4, TestImages.gradient(10, 10, 3, i)));
                }
            }
            for (CompletableFuture<Enhancement> f : small) {
                Enhancement e = f.get(10, TimeUnit.SECONDS);
                assertThat(e.batchSize()).isEqualTo(3);
                assertThat(e.output().width()).isEqualTo(20);
            }
            for (CompletableFuture<Enhancement> f : wide) {
                Enhancement e = f.get(10, TimeUnit.SECONDS);
                assertThat(e.batchSize()).isEqualTo(3);
                assertThat(e.output().width()).isEqualTo(40);
            }
            for (CompletableFuture<Enhancement> f : x4) {
                Enhancement e = f.get(10, TimeUnit.SECONDS);
                assertThat(e.batchSize()).isEqualTo(2);
                assertThat(e.output().width()).isEqualTo(40);
                assertThat(e.output().height()).isEqualTo(40);
            }
            assertThat(batcher.batchesRun()).isEqualTo(3);
        }
    }

    @Test
    void shouldRunALoneFrameAfterMaxWait() throws Exception {
        try (MicroBatcher batcher = new MicroBatcher(registry, new BatchingConfig(8, Duration.ofMillis(40), 64))) {
            long t0 = System.nanoTime();
            Enhancement e = batcher.submit(Tasks.COLORIZE, TestImages.gradient(12, 8, 1, 0)).get(10, TimeUnit.SECONDS);
            double elapsedMs = (System.nanoTime() - t0) / 1e6;

            assertThat(e.batchSize()).isEqualTo(1);
            assertThat(e.queuedMs()).isGreaterThanOrEqualTo(35.0);
            assertThat(e.inferenceMs()).isPositive();
            assertThat(elapsedMs).isGreaterThanOrEqualTo(e.queuedMs());
            assertThat(e.output().width()).isEqualTo(12);
            assertThat(e.output().channels()).isEqualTo(3);
        }
    }

    @Test
    void shouldRunAFullBatchWithoutWaitingForMaxWait() throws Exception {
        try (MicroBatcher batcher = new MicroBatcher(registry, new BatchingConfig(2, Duration.ofSeconds(30), 8))) {
            CompletableFuture<Enhancement> a = batcher.submit(Tasks.SR_X2, TestImages.gradient(8, 8, 3, 0));
            CompletableFuture<Enhancement> b = batcher.submit(Tasks.SR_X2, TestImages.gradient(8, 8, 3, 1));
            assertThat(a.get(10, TimeUnit.SECONDS).batchSize()).isEqualTo(2);
            assertThat(b.get(10, TimeUnit.SECONDS).queuedMs()).isLessThan(10_000.0);
        }
    }

    @Test
    void shouldRejectAnUnknownTaskNamingTheLoadedOnes() {
        try (MicroBatcher batcher = new MicroBatcher(registry, BatchingConfig.defaults())) {
            CompletableFuture<Enhancement> f = batcher.submit("deblur", TestImages.gradient(8, 8, 3, 0));
            assertThat(f).isCompletedExceptionally();
            assertThatThrownBy(f::get).cause().isInstanceOf(FrameRejectedException.class)
                    .hasMessageContaining("no model for task 'deblur'").hasMessageContaining("sr-x2")
                    .satisfies(t -> assertThat(((FrameRejectedException) t).reason()).isEqualTo(RejectReason.UNKNOWN_TASK));
        }
    }

    @Test
    void shouldRejectFramesWithTheWrongChannelCount() {
        try (MicroBatcher batcher = new MicroBatcher(registry, BatchingConfig.defaults())) {
            CompletableFuture<Enhancement> rgbToColorize = batcher.submit(Tasks.COLORIZE, TestImages.gradient(8, 8, 3, 0));
            CompletableFuture<Enhancement> grayToSr = batcher.submit(Tasks.SR_X2, TestImages.gradient(8, 8, 1, 0));
            for (CompletableFuture<Enhancement> f : List.of(rgbToColorize, grayToSr)) {
                assertThatThrownBy(f::get).cause().isInstanceOf(FrameRejectedException.class)
                        .satisfies(t -> assertThat(((FrameRejectedException) t).reason())
                                .isEqualTo(RejectReason.WRONG_CHANNELS));
            }
        }
    }

    @Test
    void shouldBlockSubmittersWhileTheQueueIsFull() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (MicroBatcher batcher = new MicroBatcher(registry, new BatchingConfig(2, Duration.ofSeconds(1), 2))) {
            Thread testThread = Thread.currentThread();
            CountDownLatch dispatcherHeld = new CountDownLatch(1);
            // hold the dispatcher thread inside the first future's completion (attached well
            // within the lone frame's maxWait of 1 s)
            CompletableFuture<Enhancement> first = new CompletableFuture<>();
            batcher.submit(Tasks.SR_X2, TestImages.gradient(8, 8, 3, 0)).whenComplete((e, t) -> {
                if (Thread.currentThread() != testThread) {
                    dispatcherHeld.countDown();
                    await(release);
                }
                first.complete(e);
            });
            assertThat(dispatcherHeld.await(10, TimeUnit.SECONDS)).as("dispatcher held").isTrue();

            CompletableFuture<Enhancement> second = batcher.submit(Tasks.SR_X2, TestImages.gradient(8, 8, 3, 1));
            CompletableFuture<Enhancement> third = batcher.submit(Tasks.SR_X2, TestImages.gradient(8, 8, 3, 2));
            assertThat(batcher.queued()).isEqualTo(2);
            Future<CompletableFuture<Enhancement>> fourth = pool.submit(
                    () -> batcher.submit(Tasks.SR_X2, TestImages.gradient(8, 8, 3, 3)));

            Thread.sleep(300);
            assertThat(fourth).as("submit blocks while queueCapacity frames wait").isNotDone();
            assertThat(batcher.queued()).isEqualTo(2);

            release.countDown();
            assertThat(fourth.get(10, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS).output().width()).isEqualTo(16);
            assertThat(first.get(10, TimeUnit.SECONDS)).isNotNull();
            assertThat(second.get(10, TimeUnit.SECONDS)).isNotNull();
            assertThat(third.get(10, TimeUnit.SECONDS)).isNotNull();
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void shouldFailABatchWhoseInferenceFailsAndKeepServing(@TempDir Path dir) throws Exception {
        Generator broken = Generator.load(TestModels.writeInto(dir.resolve("a"), Tasks.SR_X2, "a",
                Instant.now()));
        try (ModelRegistry own = ModelRegistry.of(broken);
                MicroBatcher batcher = new MicroBatcher(own, new BatchingConfig(4, Duration.ofMillis(5), 16))) {
            broken.close(); // closed behind the registry's back: its next run fails
            CompletableFuture<Enhancement> failed = batcher.submit(Tasks.SR_X2, TestImages.gradient(8, 8, 3, 0));
            assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(FrameRejectedException.class)
                    .satisfies(t -> assertThat(((FrameRejectedException) t).reason())
                            .isEqualTo(RejectReason.INFERENCE_FAILED));

            own.activateShipped(Generator.load(TestModels.writeInto(dir.resolve("b"), Tasks.SR_X2, "b",
                    Instant.now())));
            Enhancement ok = batcher.submit(Tasks.SR_X2, TestImages.gradient(8, 8, 3, 0)).get(10, TimeUnit.SECONDS);
            assertThat(ok.modelVersion()).isEqualTo("b");
        }
    }

    @Test
    void shouldFailQueuedFramesOnClose() throws Exception {
        MicroBatcher batcher = new MicroBatcher(registry, new BatchingConfig(8, Duration.ofSeconds(30), 64));
        CompletableFuture<Enhancement> waiting = batcher.submit(Tasks.SR_X2, TestImages.gradient(8, 8, 3, 0));
        batcher.close();
        assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(IllegalStateException.class);
        assertThat(batcher.submit(Tasks.SR_X2, TestImages.gradient(8, 8, 3, 0))).isCompletedExceptionally();
        batcher.close();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
