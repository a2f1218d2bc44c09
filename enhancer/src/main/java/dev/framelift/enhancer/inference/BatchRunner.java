package dev.framelift.enhancer.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.framelift.enhancer.reject.FrameRejectedException;
import dev.framelift.model.Image;
import dev.framelift.model.runtime.SelfEnsemble;
import dev.framelift.schema.RejectReason;

/**
 * Runs the batches the {@link MicroBatcher} forms, on its dispatcher thread, and completes each
 * frame's future.
 *
 * <p><b>Retries.</b> A failed session run (a TensorFlow error such as a GPU out of memory, or
 * even a Java {@code Error}) is tried again up to {@code retries} times, after 50 ms, then
 * 100 ms, and so on; the last retry runs each frame of the batch alone, so that a batch too large
 * for the device, or one frame that breaks the graph, fails only that frame. What still fails is
 * rejected with {@code INFERENCE_FAILED}. Before every attempt, frames whose submitter gave up or
 * whose deadline has passed are dropped ({@code TIMEOUT}): their work never runs late.
 *
 * <p><b>Self-ensemble.</b> A batch for a model whose served task is in {@code selfEnsemble} runs in
 * the 8 orientations of its frames and is averaged ({@link SelfEnsemble}): 8 session runs of the
 * batch, so one run's memory stays what {@code batch.max.size} and {@code tile.size} bound.
 *
 * <p>Each failure is logged as one line; the stack trace goes to DEBUG. Not thread-safe: only the
 * dispatcher thread calls {@link #run}.
 */
final class BatchRunner {
    private static final Logger log = LoggerFactory.getLogger(BatchRunner.class);
    private static final long BACKOFF_MS = 50;

    private final ModelRegistry registry;
    private final int retries;
    private final Set<String> selfEnsemble;
    private final AtomicLong batchesRun = new AtomicLong();
    private final AtomicLong framesRun = new AtomicLong();

    BatchRunner(ModelRegistry registry, int retries, Set<String> selfEnsemble) {
        this.registry = registry;
        this.retries = retries;
        this.selfEnsemble = selfEnsemble;
    }

    /**
     * Runs {@code frames} (all of {@code bucket}) and completes every future.
     *
     * @throws InterruptedException if interrupted while backing off; the frames not yet completed
     *     are left to the caller
     */
    void run(MicroBatcher.Bucket bucket, List<PendingFrame> frames) throws InterruptedException {
        List<PendingFrame> live = dropAbandoned(frames, "waiting for its batch");
        for (int attempt = 0; attempt <= retries && !live.isEmpty(); attempt++) {
            if (attempt > 0 && attempt == retries && live.size() > 1) {
                runEachAlone(bucket, live, attempt);
                return;
            }
            final Throwable failure = runOnce(bucket, live);
            if (failure == null) {
                return;
            }
            if (attempt == retries) {
                rejectAll(bucket, live, failure, attempt + 1);
                return;
            }
            final long backoff = BACKOFF_MS * (attempt + 1);
            log.warn("inference of {} failed (attempt {} of {}): {}; trying again in {} ms", describe(bucket, live.size()),
                    attempt + 1, retries + 1, oneLine(failure), backoff);
            log.debug("inference failure", failure);
            Thread.sleep(backoff);
            live = dropAbandoned(live, "while inference was retried");
        }
    }

    private void runEachAlone(MicroBatcher.Bucket bucket, List<PendingFrame> frames, int attempt) {
        log.warn("inference of {} failed {} times; trying each frame alone", describe(bucket, frames.size()), attempt);
        for (PendingFrame frame : frames) {
            if (dropAbandoned(List.of(frame), "while inference was retried").isEmpty()) {
                continue;
            }
            final Throwable failure = runOnce(bucket, List.of(frame));
            if (failure != null) {
                rejectAll(bucket, List.of(frame), failure, attempt + 1);
            }
        }
    }

    /** @return null when every frame's future was completed, or the failure to retry */
    private Throwable runOnce(MicroBatcher.Bucket bucket, List<PendingFrame> frames) {
        final int n = frames.size();
        final long start = System.nanoTime();
        batchesRun.incrementAndGet();
        framesRun.addAndGet(n);
        final Optional<ModelLease> leased = registry.acquire(bucket.task());
        if (leased.isEmpty()) {
            failAll(frames, MicroBatcher.unknownTask(registry, bucket.task()));
            return null;
        }
        try (ModelLease lease = leased.get()) {
            final Generator generator = lease.generator();
            if (generator.inputChannels() != bucket.channels()) {
                // the task's model was swapped for one that takes other channels
                failAll(frames, MicroBatcher.wrongChannels(bucket.task(), generator, bucket.channels()));
                return null;
            }
            final List<Image> inputs = new ArrayList<>(n);
            for (PendingFrame p : frames) {
                inputs.add(p.image);
            }
            final List<Image> outputs = selfEnsemble.contains(generator.task())
                    ? SelfEnsemble.enhance(generator::enhance, inputs, generator.scale())
                    : generator.enhance(inputs);
            final double inferenceMs = millis(System.nanoTime() - start);
            for (int i = 0; i < n; i++) {
                final PendingFrame p = frames.get(i);
                p.future.complete(new Enhancement(outputs.get(i), generator.stamp(), millis(start - p.submitNanos),
                        inferenceMs, n));
            }
            return null;
        } catch (Throwable t) {
            // an Error too: the dispatcher must survive, or every later submit would wait in vain
            return t;
        }
    }

    private void rejectAll(MicroBatcher.Bucket bucket, List<PendingFrame> frames, Throwable failure, int attempts) {
        log.warn("inference of {} failed {} time(s); rejecting with INFERENCE_FAILED: {}", describe(bucket, frames.size()),
                attempts, oneLine(failure));
        log.debug("inference failure", failure);
        failAll(frames, new FrameRejectedException(RejectReason.INFERENCE_FAILED, "inference failed for task '"
                + bucket.task() + "' after " + attempts + " attempt(s): " + oneLine(failure), failure));
    }

    /** Fails the expired frames with TIMEOUT and returns the ones still worth running. */
    private static List<PendingFrame> dropAbandoned(List<PendingFrame> frames, String where) {
        final long now = System.nanoTime();
        final List<PendingFrame> live = new ArrayList<>(frames.size());
        for (PendingFrame frame : frames) {
            if (frame.abandoned(now)) {
                frame.expire(now, where);
            } else {
                live.add(frame);
            }
        }
        return live;
    }

    static void failAll(List<PendingFrame> frames, Throwable cause) {
        for (PendingFrame p : frames) {
            p.future.completeExceptionally(cause);
        }
    }

    private static String describe(MicroBatcher.Bucket bucket, int n) {
        return n + " " + bucket.task() + " frame(s) " + bucket.width() + "x" + bucket.height() + "x" + bucket.channels();
    }

    static String oneLine(Throwable t) {
        final String message = t.getMessage() == null ? "" : t.getMessage().lines().findFirst().orElse("");
        return t.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    long batchesRun() {
        return batchesRun.get();
    }

    long framesRun() {
        return framesRun.get();
    }

    private static double millis(long nanos) {
        return nanos / (double) TimeUnit.MILLISECONDS.toNanos(1);
    }
}
