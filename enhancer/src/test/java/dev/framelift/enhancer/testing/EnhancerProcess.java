package dev.framelift.enhancer.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code framelift run} in a child JVM, as a user runs it, so that a test can SIGKILL it
 * ({@link #kill()}) and see what a real crash does. Its output goes to a log file.
 */
public final class EnhancerProcess implements AutoCloseable {
    private static final String READY = "FrameLift enhancer running";

    private final Process process;

    private EnhancerProcess(Process process) {
        this.process = process;
    }

    public static EnhancerProcess start(Path log, String bootstrap, Path models, List<String> settings) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", testClassPath(), "dev.framelift.enhancer.cli.Main", "run",
                "--bootstrap-servers", bootstrap, "--models", models.toString()));
        for (String setting : settings) {
            command.add("--set");
            command.add(setting);
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CountDownLatch ready = new CountDownLatch(1);
        Thread pump = new Thread(() -> pump(process, log, ready), "enhancer-process-log");
        pump.setDaemon(true);
        pump.start();
        if (!ready.await(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the enhancer process did not start; see " + log + ":\n"
                    + Files.readString(log));
        }
        return new EnhancerProcess(process);
    }

    /** SIGKILL: no shutdown hook, no flush, no commit. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(45, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static void pump(Process process, Path log, CountDownLatch ready) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                if (line.contains(READY)) {
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            // the process died: the test sees that through its own checks
        }
    }

    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

}
