package dev.framelift.enhancer.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import dev.framelift.enhancer.app.EnhancerService;
import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.schema.Topics;

/**
 * {@code framelift run}: the enhancer against any Kafka cluster, until Ctrl-C or SIGTERM, or
 * until it cannot go on: then it ends with {@value #FATAL_EXIT} and a one-line reason, so that
 * a supervisor (systemd, Kubernetes) starts it again.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the enhancer against a Kafka cluster: " + Topics.RAW + " -> " + Topics.ENHANCED,
                "(failures -> " + Topics.REJECTED + "), exactly once. Creates missing topics (see README",
                "for partitions and limits). Ctrl-C or SIGTERM stops it cleanly: frames in flight",
                "are finished and committed, or left uncommitted for the next owner.",
                "Exits " + RunCommand.FATAL_EXIT + " with a one-line reason when it cannot go on (stream threads that",
                "keep dying, a source topic deleted; out of memory: 3, from the JVM): run it",
                "under a supervisor that restarts it."})
final class RunCommand implements Callable<Integer> {
    /** EX_SOFTWARE: the enhancer stopped working; restarting it is the cure. */
    static final int FATAL_EXIT = 70;
    /** How long a fatal exit may spend stopping cleanly before the JVM is halted. */
    private static final Duration FATAL_GRACE = Duration.ofSeconds(90);

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers; required unless FRAMELIFT_BOOTSTRAP_SERVERS, --config or --set gives bootstrap.servers.")
    String bootstrapServers;

    @Spec
    CommandSpec spec;

    @Option(names = "--http-port", paramLabel = "PORT",
            description = "Port of the HTTP gateway: API, web page, /metrics, health (default: http.port, 8080; 0 picks a free one).")
    Integer httpPort;

    @Mixin
    EnhancerOptions options;

    @Override
    public Integer call() throws Exception {
        final EnhancerConfig config = options.toConfig(bootstrapServers, httpPort);
        if (!config.originals().containsKey(EnhancerConfig.BOOTSTRAP_SERVERS)) {
            // the default (127.0.0.1:9092) suits the local tools, never silently a service
            throw new ParameterException(spec.commandLine(), "Missing the Kafka cluster: give --bootstrap-servers, "
                    + EnhancerConfig.environmentVariable(EnhancerConfig.BOOTSTRAP_SERVERS) + ", or bootstrap.servers in --config");
        }
        final CompletableFuture<String> fatal = new CompletableFuture<>();
        // an Error on any thread outside Kafka Streams' (which has its own handler) leaves the JVM untrustworthy
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (e instanceof Error) {
                fatal.complete(e + " on thread " + thread.getName());
            }
        });
        final EnhancerService service = EnhancerService.start(config, Duration.ofMinutes(2));
        service.fatal().thenAccept(fatal::complete);
        final CountDownLatch stopped = new CountDownLatch(1);
        final Thread hook = new Thread(() -> {
            System.out.println("stopping: finishing in-flight frames and committing...");
            service.close();
            stopped.countDown();
        }, "enhancer-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.printf("FrameLift enhancer running against %s with models %s. Ctrl-C to stop.%n",
                config.bootstrapServers(), service.registry().tasks());
        service.httpPort().ifPresent(port -> System.out.printf("HTTP gateway on port %d: web page at /, API under /v1, "
                + "/metrics, /health/ready%n", port));
        System.out.flush();
        fatal.thenRun(stopped::countDown);
        stopped.await();
        if (!fatal.isDone()) {
            return 0;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // a signal came too: the hook closes the service
        }
        System.err.println("framelift run: fatal: " + fatal.join() + "; exiting with " + FATAL_EXIT
                + " so that a supervisor restarts the enhancer");
        System.err.flush();
        final Thread halt = new Thread(() -> {
            try {
                Thread.sleep(FATAL_GRACE.toMillis());
                Runtime.getRuntime().halt(FATAL_EXIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "fatal-exit-watchdog");
        halt.setDaemon(true);
        halt.start();
        service.close();
        return FATAL_EXIT;
    }
}
