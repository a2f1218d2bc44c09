package dev.framelift.enhancer.inference;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.framelift.enhancer.reject.FrameRejectedException;
import dev.framelift.model.Image;
import dev.framelift.schema.RejectReason;

/**
 * The cross-thread dynamic batcher: many threads each {@link #submit} one frame and wait for its
 * future, and a single dispatcher thread runs the frames that are waiting together, in batches
 * of one task and one shape.
 *
 * <p><b>Batching.</b> Frames are grouped into buckets by (task, width, height, channels); frames
 * of different buckets never share a session run. A bucket is ready when it holds
 * {@code maxBatch} frames or when its oldest frame has waited {@code maxWait}. The dispatcher
 * runs the ready bucket whose oldest frame is oldest, taking up to {@code maxBatch} frames, and
 * sleeps until the next bucket can become ready otherwise. While a batch runs, the next one
 * fills, so under load batches grow without anyone waiting on {@code maxWait}.
 *
 * <p><b>Back-pressure.</b> At most {@code queueCapacity} frames wait for a batch (frames in the
 * running batch are not counted); {@link #submit} blocks while the queue is full. Nothing is
 * kept anywhere else: a frame lives only inside a pending {@code submit} future, which is what
 * keeps exactly-once processing simple for a caller that waits for its future before committing.
 *
 * <p><b>Outcomes.</b> A future completes with its frame's {@link Enhancement}, or fails with
 * {@link FrameRejectedException} ({@code UNKNOWN_TASK}, {@code WRONG_CHANNELS},
 * {@code INFERENCE_FAILED}: the frame cannot be enhanced), with {@link IllegalStateException}
 * (the batcher was closed before the frame ran) or {@link CancellationException} (the submitting
 * thread was interrupted while the queue was full); the last two say nothing about the frame.
 * Futures complete on the dispatcher thread, so dependent stages added with the non-async
 * {@code CompletableFuture} methods run on it and delay every later batch: keep them trivial,
 * and never {@code submit} from one (with the queue full it would wait for itself).
 *
 * <p><b>Thread-safety and lifecycle.</b> {@link #submit} is thread-safe. The dispatcher thread
 * (a daemon named {@code framelift-batcher-N}) starts in the constructor and stops in
 * {@link #close()}, which fails the frames still queued, lets the running batch finish and
 * waits for the thread. The registry is borrowed, not owned: close it after the batcher.
 */
public final class MicroBatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MicroBatcher.class);
    private static final AtomicInteger THREAD_IDS = new AtomicInteger();
    private static final long CLOSE_WAIT_MS = 60_000;

    private final ModelRegistry registry;
    private final BatchingConfig config;
    private final long maxWaitNanos;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a frame arrives or the batcher closes; the dispatcher waits on it. */
    private final Condition arrived = lock.newCondition();
    /** Signalled when frames leave the queue or the batcher closes; blocked submitters wait on it. */
    private final Condition space = lock.newCondition();
    private final Map<Bucket, ArrayDeque<Pending>> buckets = new LinkedHashMap<>();
    private int queued;
    private boolean closed;
    private final Thread dispatcher;
    private final AtomicLong batchesRun = new AtomicLong();
    private final AtomicLong framesRun = new AtomicLong();

    public MicroBatcher(ModelRegistry registry, BatchingConfig config) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.config = Objects.requireNonNull(config, "config");
        this.maxWaitNanos = config.maxWait().toNanos();
        this.dispatcher = new Thread(this::dispatchLoop, "framelift-batcher-" + THREAD_IDS.incrementAndGet());
        this.dispatcher.setDaemon(true);
        this.dispatcher.start();
    }

    /**
     * Queues one frame for enhancement by the active model of {@code task}; blocks while
     * {@code queueCapacity} frames are already waiting.
     *
     * @return the frame's future (see the class comment for how it can fail); never null
     */
    public CompletableFuture<Enhancement> submit(String task, Image input) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(input, "input");
        Optional<Generator> model = registry.get(task);
        if (model.isEmpty()) {
            return CompletableFuture.failedFuture(unknownTask(task));
        }
        if (input.channels() != model.get().inputChannels()) {
            return CompletableFuture.failedFuture(wrongChannels(task, model.get(), input.channels()));
        }
        Pending pending = new Pending(input, System.nanoTime());
        Bucket bucket = new Bucket(task, input.width(), input.height(), input.channels());
        lock.lock();
        try {
            while (queued >= config.queueCapacity() && !closed) {
                space.await();
            }
            if (closed) {
                return CompletableFuture.failedFuture(closedException());
            }
            buckets.computeIfAbsent(bucket, b -> new ArrayDeque<>()).addLast(pending);
            queued++;
            arrived.signal();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(
                    new CancellationException("interrupted while waiting for space in the batcher queue"));
        } finally {
            lock.unlock();
        }
        return pending.future;
    }

    /** Frames waiting for a batch now (not counting a running batch). */
    public int queued() {
        lock.lock();
        try {
            return queued;
        } finally {
            lock.unlock();
        }
    }

    /** Session runs so far. */
    public long batchesRun() {
        return batchesRun.get();
    }

    /** Frames run so far (enhanced or failed by inference). */
    public long framesRun() {
        return framesRun.get();
    }

    public BatchingConfig config() {
        return config;
    }

    private void dispatchLoop() {
        try {
            while (true) {
                Batch batch = nextBatch();
                if (batch == null) {
                    return;
                }
                run(batch);
            }
        } catch (InterruptedException e) {
            log.warn("{} interrupted; failing queued frames and stopping", Thread.currentThread().getName());
            close();
        }
    }

    /** Waits until a bucket is ready and takes its batch; null once closed. */
    private Batch nextBatch() throws InterruptedException {
        lock.lock();
        try {
            while (!closed) {
                long now = System.nanoTime();
                Map.Entry<Bucket, ArrayDeque<Pending>> ready = null;
                long nextDeadline = Long.MAX_VALUE;
                for (Map.Entry<Bucket, ArrayDeque<Pending>> entry : buckets.entrySet()) {
                    Pending oldest = entry.getValue().peekFirst();
                    long untilDeadline = oldest.submitNanos + maxWaitNanos - now;
                    if (entry.getValue().size() >= config.maxBatch() || untilDeadline <= 0) {
                        if (ready == null || oldest.submitNanos - ready.getValue().peekFirst().submitNanos < 0) {
                            ready = entry;
                        }
                    } else {
                        nextDeadline = Math.min(nextDeadline, untilDeadline);
                    }
                }
                if (ready != null) {
                    return take(ready.getKey(), ready.getValue());
                }
                if (buckets.isEmpty()) {
                    arrived.await();
                } else {
                    arrived.awaitNanos(nextDeadline);
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    private Batch take(Bucket bucket, ArrayDeque<Pending> queue) {
        int n = Math.min(config.maxBatch(), queue.size());
        List<Pending> frames = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            frames.add(queue.pollFirst());
        }
        if (queue.isEmpty()) {
            buckets.remove(bucket);
        }
        queued -= n;
        space.signalAll();
        return new Batch(bucket, frames);
    }

    private void run(Batch batch) {
        int n = batch.frames.size();
        long start = System.nanoTime();
        batchesRun.incrementAndGet();
        framesRun.addAndGet(n);
        Optional<ModelLease> leased = registry.acquire(batch.bucket.task);
        if (leased.isEmpty()) {
            failAll(batch.frames, unknownTask(batch.bucket.task));
            return;
        }
        try (ModelLease lease = leased.get()) {
            Generator generator = lease.generator();
            if (generator.inputChannels() != batch.bucket.channels) {
                // the task's model was swapped for one that takes other channels
                failAll(batch.frames, wrongChannels(batch.bucket.task, generator, batch.bucket.channels));
                return;
            }
            List<Image> inputs = new ArrayList<>(n);
            for (Pending p : batch.frames) {
                inputs.add(p.image);
            }
            List<Image> outputs = generator.enhance(inputs);
            long end = System.nanoTime();
            double inferenceMs = millis(end - start);
            for (int i = 0; i < n; i++) {
                Pending p = batch.frames.get(i);
                p.future.complete(new Enhancement(outputs.get(i), generator.stamp(),
                        millis(start - p.submitNanos), inferenceMs, n));
            }
        } catch (Throwable t) {
            // an Error too: the dispatcher must survive, or every later submit would hang
            log.error("inference failed for a batch of {} {} frame(s) {}x{}x{}", n, batch.bucket.task,
                    batch.bucket.width, batch.bucket.height, batch.bucket.channels, t);
            failAll(batch.frames, new FrameRejectedException(RejectReason.INFERENCE_FAILED,
                    "inference failed for task '" + batch.bucket.task + "': " + t, t));
        }
    }

    /**
     * Fails the queued frames, lets the running batch finish and stops the dispatcher thread
     * (waiting up to a minute for it); idempotent.
     */
    @Override
    public void close() {
        List<Pending> dropped = new ArrayList<>();
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                for (ArrayDeque<Pending> queue : buckets.values()) {
                    dropped.addAll(queue);
                }
                buckets.clear();
                queued = 0;
                arrived.signalAll();
                space.signalAll();
            }
        } finally {
            lock.unlock();
        }
        failAll(dropped, closedException());
        if (Thread.currentThread() != dispatcher) {
            try {
                dispatcher.join(CLOSE_WAIT_MS);
                if (dispatcher.isAlive()) {
                    log.warn("{} still running a batch after {} ms", dispatcher.getName(), CLOSE_WAIT_MS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private FrameRejectedException unknownTask(String task) {
        return new FrameRejectedException(RejectReason.UNKNOWN_TASK,
                "no model for task '" + task + "'; loaded: " + registry.tasks());
    }

    private static FrameRejectedException wrongChannels(String task, Generator model, int channels) {
        return new FrameRejectedException(RejectReason.WRONG_CHANNELS, "task '" + task + "' (model "
                + model.version() + ") takes " + model.inputChannels() + " channel(s), the frame has " + channels);
    }

    private static IllegalStateException closedException() {
        return new IllegalStateException("micro-batcher closed before the frame ran");
    }

    private static void failAll(List<Pending> frames, Throwable cause) {
        for (Pending p : frames) {
            p.future.completeExceptionally(cause);
        }
    }

    private static double millis(long nanos) {
        return nanos / (double) TimeUnit.MILLISECONDS.toNanos(1);
    }

    private record Bucket(String task, int width, int height, int channels) {
    }

    private record Batch(Bucket bucket, List<Pending> frames) {
    }

    private static final class Pending {
        final Image image;
        final long submitNanos;
        final CompletableFuture<Enhancement> future = new CompletableFuture<>();

        Pending(Image image, long submitNanos) {
            this.image = image;
            this.submitNanos = submitNanos;
        }
    }

    @Override
    public String toString() {
        return "MicroBatcher[" + dispatcher.getName() + ", " + config + "]";
    }
}
