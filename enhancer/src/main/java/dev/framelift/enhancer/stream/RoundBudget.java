package dev.framelift.enhancer.stream;

/**
 * The time a stream thread has left before it must let Kafka Streams commit. Streams calls
 * {@code process()} for a round of records, then runs due punctuators, then commits once the
 * commit interval has passed; every {@link EnhanceProcessor} marks the round's start when its task
 * is initialised and from a wall-clock punctuator at the commit interval, so the mark moves at
 * each commit opportunity and a frame may block until {@code mark + budget} at most.
 *
 * <p>One instance per topology, shared by its processors; the mark is kept per thread (a stream
 * thread runs its tasks one after another), so the methods are safe from any thread without
 * locking.
 */
final class RoundBudget {
    private final long budgetNanos;
    private final ThreadLocal<long[]> roundStart = ThreadLocal.withInitial(() -> new long[] {System.nanoTime()});

    RoundBudget(java.time.Duration budget) {
        this.budgetNanos = budget.toNanos();
    }

    /** Marks a commit opportunity on the calling (stream) thread. */
    void roundEnded() {
        roundStart.get()[0] = System.nanoTime();
    }

    /** The {@link System#nanoTime()} at which the calling thread's round budget runs out. */
    long deadline() {
        return roundStart.get()[0] + budgetNanos;
    }
}
