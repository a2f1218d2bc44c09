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
import java.util.concurrent.atomic.AtomicInteger;
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
 * running batch are not counted); {@link #submit} blocks while the queue is full, but never past
 * the frame's deadline. Nothing is kept anywhere else: a frame lives only inside a pending
 * {@code submit} future, which is what keeps exactly-once processing simple for a caller that
 * waits for its future before committing.
 *
 * <p><b>Deadlines.</b> Every frame carries a deadline ({@link System#nanoTime()} based). A frame
 * whose deadline passes, or whose future its submitter cancelled, is dropped before its batch
 * runs (and before every retry): its inference never runs late, on nobody's behalf. Failed runs
 * are retried as {@link BatchRunner} describes.
 *
 * <p><b>Outcomes.</b> A future completes with its frame's {@link Enhancement}, or fails with
 * {@link FrameRejectedException} ({@code UNKNOWN_TASK}, {@code WRONG_CHANNELS},
 * {@code INFERENCE_FAILED}, {@code TIMEOUT}: the frame cannot be enhanced), with
 * {@link IllegalStateException} (the batcher was closed before the frame ran) or
 * {@link CancellationException} (the submitting thread was interrupted while the queue was full);
 * the last two say nothing about the frame.
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
    /** The deadline of frames submitted without one. */
    public static final java.time.Duration DEFAULT_DEADLINE = java.time.Duration.ofMinutes(10);

    private final ModelRegistry registry;
    private final BatchingConfig config;
    private final long maxWaitNanos;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a frame arrives or the batcher closes; the dispatcher waits on it. */
    private final Condition arrived = lock.newCondition();
    /** Signalled when frames leave the queue or the batcher closes; blocked submitters wait on it. */
    private final Condition space = lock.newCondition();
    private final Map<Bucket, ArrayDeque<PendingFrame>> buckets = new LinkedHashMap<>();
    private int queued;
    private boolean closed;
    private final Thread dispatcher;
    private final BatchRunner runner;

    public MicroBatcher(ModelRegistry registry, BatchingConfig config) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.config = Objects.requireNonNull(config, "config");
        this.maxWaitNanos = config.maxWait().toNanos();
        this.runner = new BatchRunner(registry, config.retries(), config.selfEnsemble());
        this.dispatcher = new Thread(this::dispatchLoop, "framelift-batcher-" + THREAD_IDS.incrementAndGet());
        this.dispatcher.setDaemon(true);
        this.dispatcher.start();
    }

    /** {@link #submit(String, Image, long)} with a deadline {@link #DEFAULT_DEADLINE} from now. */
    public CompletableFuture<Enhancement> submit(String task, Image input) {
        return submit(task, input, System.nanoTime() + DEFAULT_DEADLINE.toNanos());
    }

    /**
     * Queues one frame for enhancement by the active model of {@code task}; blocks while
     * {@code queueCapacity} frames are already waiting, until {@code deadlineNanos} at most.
     *
     * @param deadlineNanos the {@link System#nanoTime()} after which the frame is rejected with
     *     {@code TIMEOUT} instead of run
     * @return the frame's future (see the class comment for how it can fail); never null.
     *     Cancelling it withdraws the frame if its batch has not started.
     */
    public CompletableFuture<Enhancement> submit(String task, Image input, long deadlineNanos) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(input, "input");
        final Optional<Generator> model = registry.get(task);
        if (model.isEmpty()) {
            return CompletableFuture.failedFuture(unknownTask(registry, task));
        }
        if (input.channels() != model.get().inputChannels()) {
            return CompletableFuture.failedFuture(wrongChannels(task, model.get(), input.channels()));
        }
        final long now = System.nanoTime();
        final PendingFrame pending = new PendingFrame(input, now, deadlineNanos);
        final Bucket bucket = new Bucket(task, input.width(), input.height(), input.channels());
        lock.lock();
        try {
            while (queued >= config.queueCapacity() && !closed) {
                final long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return CompletableFuture.failedFuture(PendingFrame.timeout(System.nanoTime() - now,
                            "waiting for room in the inference queue (" + config.queueCapacity() + " frames)"));
                }
                space.awaitNanos(left);
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

    /** Session runs so far (a retry counts as a run). */
    public long batchesRun() {
        return runner.batchesRun();
    }

    /** Frames handed to a session run so far (enhanced or failed by inference; expired frames never are). */
    public long framesRun() {
        return runner.framesRun();
    }

    public BatchingConfig config() {
        return config;
    }

    private void dispatchLoop() {
        try {
            while (true) {
                final Batch batch = nextBatch();
                if (batch == null) {
                    return;
                }
                try {
                    runner.run(batch.bucket, batch.frames);
                } finally {
                    // only an interrupt while retrying leaves frames open: they were not the frames' fault
                    BatchRunner.failAll(batch.frames, closedException());
                }
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
                final long now = System.nanoTime();
                // wake up for the first frame deadline too, so an expired frame frees its place promptly
                long nextDeadline = dropAbandoned(now) - now;
                Map.Entry<Bucket, ArrayDeque<PendingFrame>> ready = null;
                for (Map.Entry<Bucket, ArrayDeque<PendingFrame>> entry : buckets.entrySet()) {
                    final PendingFrame oldest = entry.getValue().peekFirst();
                    final long untilDeadline = oldest.submitNanos + maxWaitNanos - now;
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

    /**
     * Removes the frames that expired or were cancelled while queued, failing the expired ones with
     * TIMEOUT.
     *
     * @return the earliest deadline of the frames still queued ({@code now + Long.MAX_VALUE / 2} if none)
     */
    private long dropAbandoned(long now) {
        final int before = queued;
        long earliest = now + Long.MAX_VALUE / 2;
        for (var it = buckets.values().iterator(); it.hasNext(); ) {
            final ArrayDeque<PendingFrame> queue = it.next();
            for (var frames = queue.iterator(); frames.hasNext(); ) {
                final PendingFrame frame = frames.next();
                if (frame.abandoned(now)) {
                    frame.expire(now, "waiting in the inference queue");
                    frames.remove();
                    queued--;
                } else if (frame.deadlineNanos - earliest < 0) {
                    earliest = frame.deadlineNanos;
                }
            }
            if (queue.isEmpty()) {
                it.remove();
            }
        }
        if (queued != before) {
            space.signalAll();
        }
        return earliest;
    }

    private Batch take(Bucket bucket, ArrayDeque<PendingFrame> queue) {
        final int n = Math.min(config.maxBatch(), queue.size());
        final List<PendingFrame> frames = new ArrayList<>(n);
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

    /**
     * Fails the queued frames, lets the running batch finish and stops the dispatcher thread
     * (waiting up to a minute for it); idempotent.
     */
    @Override
    public void close() {
        final List<PendingFrame> dropped = new ArrayList<>();
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                for (ArrayDeque<PendingFrame> queue : buckets.values()) {
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
        BatchRunner.failAll(dropped, closedException());
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

    static FrameRejectedException unknownTask(ModelRegistry registry, String task) {
        return new FrameRejectedException(RejectReason.UNKNOWN_TASK,
                "no model for task '" + task + "'; loaded: " + registry.tasks());
    }

    static FrameRejectedException wrongChannels(String task, Generator model, int channels) {
        return new FrameRejectedException(RejectReason.WRONG_CHANNELS, "task '" + task + "' (model "
                + model.version() + ") takes " + model.inputChannels() + " channel(s), the frame has " + channels);
    }

    private static IllegalStateException closedException() {
        return new IllegalStateException("micro-batcher closed before the frame ran");
    }

    /** The (task, shape) a frame is batched by: frames of different buckets never share a session run. */
    record Bucket(String task, int width, int height, int channels) {
    }

    private record Batch(Bucket bucket, List<PendingFrame> frames) {
    }

    @Override
    public String toString() {
        return "MicroBatcher[" + dispatcher.getName() + ", " + config + "]";
    }
}
