package dev.framelift.enhancer.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.framelift.enhancer.demo.DemoRun;
import dev.framelift.schema.Tasks;

/** {@code framelift demo}: everything on one machine, with the repository's sample footage. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start an embedded Kafka broker and the enhancer, stream the sample frames the repository ships",
                "(a surveillance clip and real photos, degraded to low resolution and to grayscale) through",
                "frames.raw in a loop, and serve the web page (its address is printed) where they appear live, before",
                "and after. The first --save enhanced frames are also written to --out. Runs until Ctrl-C, or until --limit",
                "frames are enhanced."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--limit", defaultValue = "0", paramLabel = "N",
            description = "Stop after N enhanced frames and exit 0 (default: run until Ctrl-C).")
    long limit;

    @Option(names = "--out", defaultValue = "demo-out", paramLabel = "DIR",
            description = "Where the images go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--save", defaultValue = "100", paramLabel = "N",
            description = "Write the images of the first N enhanced frames to --out (default: ${DEFAULT-VALUE}; 0: none).")
    long save;

    @Option(names = "--http-port", paramLabel = "PORT",
            description = "Port of the web page and API (default: http.port, 8080; 0 picks a free one).")
    Integer httpPort;

    @Option(names = "--tasks", split = ",", paramLabel = "TASK[,TASK...]",
            description = "Which tasks to demonstrate (default: every task that has a model).")
    List<String> tasks = Tasks.ALL;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Use this Kafka cluster (with any kafka.* security settings) instead of an embedded broker.")
    String bootstrapServers;

    @Mixin
    EnhancerOptions options;

    @Override
    public Integer call() throws Exception {
        final DemoRun run = new DemoRun(options.toConfig(bootstrapServers, httpPort), bootstrapServers != null, out, limit,
                save, tasks);
        final CountDownLatch finished = new CountDownLatch(1);
        final Thread hook = new Thread(() -> {
            run.stop();
            awaitQuietly(finished);
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        // created at the first frame, so that its rate leaves out the broker and model start-up
        final AtomicReference<ProgressLine> progress = new AtomicReference<>();
        try {
            final DemoRun.Summary summary = run.run(System.out::println, new DemoRun.ProgressSink() {
                @Override
                public void update(long sent, long enhanced, long rejected, double seconds) {
                    progress.updateAndGet(p -> p != null ? p : new ProgressLine("demo", limit))
                            .update(enhanced, String.format("sent %d, rejected %d", sent, rejected));
                }

                @Override
                public void rejected(String why) {
                    System.err.println("\nrejected: " + why);
                }
            });
            if (progress.get() != null) {
                progress.get().finish();
            }
            System.out.printf("frames in: %d, enhanced: %d, rejected: %d, %.1f s, %.2f frames/s%n",
                    summary.sent(), summary.enhanced(), summary.rejected(), summary.seconds(), summary.fps());
            if (save > 0) {
                System.out.println("enhanced frames: " + out.toAbsolutePath() + "/*.png; inputs: " + out + "/before/; "
                        + "side by side: " + out + "/compare/");
            }
            System.out.flush();
        } finally {
            // Ctrl-C: the shutdown hook waits for this, so the summary above is printed before the JVM halts.
            finished.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C ended the run: the hook is already running
        }
        return 0;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
