package dev.framelift.enhancer.chaos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One {@code framelift} command ({@code run}, {@code broker}) in a child JVM, as an operator
 * would start it, so that it can be killed, stopped and continued with real signals.
 *
 * <p>Lifecycle: {@link #start} returns once the child printed its ready line; its stdout and
 * stderr go to a log file. {@link #close} sends SIGTERM and waits, then SIGKILL. The child is
 * started with {@code -XX:+ExitOnOutOfMemoryError}, as the launcher starts it.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final Thread pump;
    private final Path log;
    private final String name;

    private ChildJvm(Process process, Thread pump, Path log, String name) {
        this.process = process;
        this.pump = pump;
        this.log = log;
        this.name = name;
    }

    /**
     * Starts {@code dev.framelift.enhancer.cli.Main} with {@code arguments}.
     *
     * @param classPath  the class path of the child (this JVM's, normally)
     * @param jvmOptions extra JVM options, e.g. {@code -Xmx256m}
     * @param readyLine  text the child prints when it is ready
     * @throws IllegalStateException when the child exits or is not ready in time (with its log)
     */
    public static ChildJvm start(String name, Path log, String classPath, List<String> jvmOptions, List<String> arguments,
            String readyLine, Duration readyTimeout) throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, "dev.framelift.enhancer.cli.Main"));
        command.addAll(arguments);
        Files.createDirectories(log.toAbsolutePath().getParent());
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "1");
        final Process process = builder.start();
        final CountDownLatch ready = new CountDownLatch(1);
        final Thread pump = new Thread(() -> pump(process, log, readyLine, ready), name + "-log");
        pump.setDaemon(true);
        pump.start();
        final long deadline = System.nanoTime() + readyTimeout.toNanos();
        while (!ready.await(200, TimeUnit.MILLISECONDS)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.toHandle().destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
                pump.join(5_000);
                throw new IllegalStateException(name + " did not start (" + (process.isAlive() ? "timed out" : "exit "
                        + process.exitValue()) + "); the end of " + log + ":\n" + tail(log, 30));
            }
        }
        return new ChildJvm(process, pump, log, name);
    }

    /** This JVM's class path, or the test class path under Maven Surefire/Failsafe. */
    public static String currentClassPath() {
        final String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** SIGKILL: no shutdown hook, no flush, no commit. */
    public void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM, then waits up to {@code timeout} for the exit. @return the exit code, or -1 if still running */
    public int terminate(Duration timeout) throws InterruptedException {
        // not Process.destroy(): it also closes the pipe, and the child's shutdown messages would be lost
        process.toHandle().destroy();
        return awaitExit(timeout);
    }

    /** @return the exit code, or -1 if still running after {@code timeout}; once it exited, its whole output is in the log */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return -1;
        }
        pump.join(10_000);
        return process.exitValue();
    }

    /** SIGSTOP: the JVM freezes, its sockets stay open, its heartbeats stop. */
    public void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause}. */
    public void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    /** The child's output so far. */
    public String output() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** SIGTERM and up to 60 s for a clean exit, then SIGKILL. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            resumeQuietly();
            if (terminate(Duration.ofSeconds(60)) < 0) {
                kill();
            }
        }
    }

    @Override
    public String toString() {
        return name + "[pid " + process.pid() + "]";
    }

    private void resumeQuietly() {
        try {
            resume();
        } catch (IOException | InterruptedException e) {
            // already gone, or the stop is undone by the kill that follows
        }
    }

    private void signal(String signal) throws IOException, InterruptedException {
        final Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).redirectErrorStream(true).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    private static void pump(Process process, Path log, String readyLine, CountDownLatch ready) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND)) {
            String line;
            while ((line = reader.readLine()) != null) {
                out.write(line);
                out.write('\n');
                out.flush();
                if (line.contains(readyLine)) {
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            // the child died; its exit code tells the rest
        }
    }

    private static String tail(Path log, int lines) {
        try {
            List<String> all = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            all = all.stream().filter(line -> !line.startsWith("\tat ") && !line.startsWith("\t... ")).toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
