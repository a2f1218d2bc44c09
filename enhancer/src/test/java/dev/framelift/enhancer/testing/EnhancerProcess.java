package dev.framelift.enhancer.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.framelift.enhancer.chaos.ChildJvm;

/**
 * {@code framelift run} in a child JVM, as a user runs it, so that a test can SIGKILL it
 * ({@link #kill()}), SIGTERM it ({@link #terminate}) and see what a real crash or stop does. Its
 * output goes to a log file.
 */
public final class EnhancerProcess implements AutoCloseable {
    /** What {@code framelift run} prints once it is RUNNING. */
    public static final String READY = "FrameLift enhancer running";

    private final ChildJvm child;

    private EnhancerProcess(ChildJvm child) {
        this.child = child;
    }

    public static EnhancerProcess start(Path log, String bootstrap, Path models, List<String> settings) throws Exception {
        return start(log, List.of(), bootstrap, models, settings);
    }

    /**
     * @param jvmOptions extra options of the child JVM, e.g. a small {@code -Xmx}
     * @param settings   {@code key=value} enhancer settings; without any {@code http.} one, the gateway takes a free port
     */
    public static EnhancerProcess start(Path log, List<String> jvmOptions, String bootstrap, Path models,
            List<String> settings) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("run", "--bootstrap-servers", bootstrap, "--models", models.toString()));
        if (settings.stream().noneMatch(s -> s.startsWith("http."))) {
            // never a fixed port in a test
            arguments.addAll(List.of("--set", "http.port=0"));
        }
        for (String setting : settings) {
            arguments.add("--set");
            arguments.add(setting);
        }
        return new EnhancerProcess(ChildJvm.start("enhancer", log, ChildJvm.currentClassPath(), jvmOptions, arguments,
                READY, Duration.ofSeconds(90)));
    }

    /** SIGKILL: no shutdown hook, no flush, no commit. */
    public void kill() throws InterruptedException {
        child.kill();
    }

    /** SIGTERM. @return the exit code, or -1 if it did not exit within {@code timeout} */
    public int terminate(Duration timeout) throws InterruptedException {
        return child.terminate(timeout);
    }

    /** @return the exit code, or -1 if still running after {@code timeout} */
    public int awaitExit(Duration timeout) throws InterruptedException {
        return child.awaitExit(timeout);
    }

    /** Everything the process printed so far. */
    public String output() throws IOException {
        return child.output();
    }

    @Override
    public void close() throws InterruptedException {
        child.close();
    }
}
