package dev.framelift.enhancer.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** Runs numbered calls on several threads at once, each taking the next number, and times them. */
final class Workers {
    private Workers() {
    }

    /**
     * @param threads how many threads share the calls
     * @param total   calls, numbered 0 to total - 1
     * @return calls per second, wall clock, from the first start to the last finish
     */
    static double rate(int threads, int total, String name, IntConsumer work) throws InterruptedException {
        final AtomicInteger next = new AtomicInteger();
        final List<Thread> workers = new ArrayList<>();
        final long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            final Thread worker = new Thread(() -> {
                int i;
                while ((i = next.getAndIncrement()) < total) {
                    work.accept(i);
                }
            }, name + "-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return total / ((System.nanoTime() - start) / 1e9);
    }
}
