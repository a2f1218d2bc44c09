package dev.framelift.enhancer.inference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.framelift.model.Image;
import dev.framelift.model.testing.TestImages;
import dev.framelift.model.testing.TestModels;
import dev.framelift.schema.Tasks;

/**
 * Times the tiny test generator at 640x360 (x2) per batch size, directly and through the
 * {@link MicroBatcher} fed by several threads (not a test: run its {@code main} by hand;
 * optional argument: a model directory to time instead of the tiny generator).
 */
public final class InferenceBenchmark {
    private InferenceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        TensorFlowRuntime.configure(2, 1);
        Path modelDir = args.length > 0 ? Path.of(args[0])
                : TestModels.write(Files.createTempDirectory("bench-models"), Tasks.SR_X2, "bench");
        try (Generator generator = Generator.load(modelDir)) {
            int c = generator.inputChannels();
            for (int batch : new int[] {1, 4, 8}) {
                List<Image> frames = Collections.nCopies(batch, TestImages.gradient(640, 360, c, 1));
                for (int i = 0; i < 3; i++) {
                    generator.enhance(frames);
                }
                int runs = Math.max(3, 24 / batch);
                long t0 = System.nanoTime();
                for (int i = 0; i < runs; i++) {
                    generator.enhance(frames);
                }
                double ms = (System.nanoTime() - t0) / 1e6 / runs;
                System.out.printf("%s direct batch %d: %.1f ms per batch, %.1f ms per frame%n", generator.version(),
                        batch, ms, ms / batch);
            }
            try (ModelRegistry registry = ModelRegistry.of(generator);
                    MicroBatcher batcher = new MicroBatcher(registry, new BatchingConfig(8, Duration.ofMillis(10), 64))) {
                int threads = Integer.getInteger("threads", 16);
                int perThread = 12;
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                Image frame = TestImages.gradient(640, 360, c, 2);
                List<Future<double[]>> results = new ArrayList<>();
                long t0 = System.nanoTime();
                for (int t = 0; t < threads; t++) {
                    results.add(pool.submit(() -> {
                        double batchSum = 0;
                        double queuedSum = 0;
                        for (int i = 0; i < perThread; i++) {
                            CompletableFuture<Enhancement> f = batcher.submit(generator.task(), frame);
                            Enhancement e = f.get();
                            batchSum += e.batchSize();
                            queuedSum += e.queuedMs();
                        }
                        return new double[] {batchSum, queuedSum};
                    }));
                }
                double batchSum = 0;
                double queuedSum = 0;
                for (Future<double[]> r : results) {
                    batchSum += r.get()[0];
                    queuedSum += r.get()[1];
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                int frames = threads * perThread;
                System.out.printf("batcher, %d threads: %.1f frames/s, mean batch %.1f, mean queued %.1f ms%n", threads,
                        frames / seconds, batchSum / frames, queuedSum / frames);
                pool.shutdown();
                // the registry closes the generator; the outer try closes it again harmlessly
            }
        }
    }
}
