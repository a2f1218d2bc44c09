package dev.framelift.enhancer.bench;

import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.framelift.enhancer.chaos.ChildJvm;
import dev.framelift.enhancer.config.EnhancerConfig;

/**
 * The enhancer as its own process, {@code framelift run} in a child JVM, so that its resident
 * memory is its own and not the benchmark's (which holds the broker, the models of section 2 and
 * the enhancer of section 4). It gets the main class and class path of this process and the JVM
 * flags this process was started with ({@code -X...}, {@code -D...}: the launcher gives {@code run}
 * the same ones, {@code FRAMELIFT_JAVA_OPTS} included), preceded by {@code
 * FRAMELIFT_RUN_JAVA_OPTS} (the flags the launchers give {@code run} alone: its heap cap), and
 * inherits the environment ({@code MALLOC_ARENA_MAX} and the like), plus a GC log from which the
 * heap is read.
 *
 * <p>Lifecycle: {@link #start} returns once the models are loaded and the streams run; {@link
 * #close} stops it with SIGTERM (then SIGKILL) and deletes nothing: its log stays in the work folder.
 */
final class EnhancerProcess implements AutoCloseable {
    /** Memory of the process at one moment, MiB; negative where unknown. */
    record Sample(String when, int frames, double seconds, double residentMib, double peakMib, double heapAfterGcMib,
            double heapCommittedMib) {
    }

    private static final Pattern GC_HEAP = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    private final ChildJvm jvm;
    private final Path gcLog;
    private final String settings;
    private final long started = System.nanoTime();

    private EnhancerProcess(ChildJvm jvm, Path gcLog, String settings) {
        this.jvm = jvm;
        this.gcLog = gcLog;
        this.settings = settings;
    }

    /**
     * @param config the enhancer's settings (bootstrap.servers, models.dir, ...): written to a
     *               properties file in {@code work} (mode 600: it may hold client secrets) and given as
     *               {@code --config}; its own state folder is under {@code work}, its HTTP gateway off
     * @throws IllegalStateException when it exits or is not running within three minutes (with its log)
     */
    static EnhancerProcess start(EnhancerConfig config, Path work) throws IOException, InterruptedException {
        Files.createDirectories(work);
        final Properties settings = new Properties();
        config.originals().forEach((key, value) -> settings.put(key, String.valueOf(value)));
        settings.put(EnhancerConfig.STATE_DIR, work.resolve("streams").toString());
        settings.put(EnhancerConfig.HTTP_ENABLED, "false");
        final Path file = work.resolve("enhancer.properties");
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            settings.store(out, "framelift bench: the enhancer's settings");
        }
        final Path gcLog = work.resolve("gc.log");
        final List<String> jvmOptions = new ArrayList<>(runFlags(System.getenv()));
        jvmOptions.addAll(launcherFlags());
        jvmOptions.add("-Xlog:gc:file=" + gcLog);
        final ChildJvm jvm = ChildJvm.start("enhancer", work.resolve("enhancer.log"), ChildJvm.currentClassPath(), jvmOptions,
                List.of("run", "--config", file.toString()), "FrameLift enhancer running against", Duration.ofMinutes(3));
        final String arenas = System.getenv("MALLOC_ARENA_MAX");
        return new EnhancerProcess(jvm, gcLog, "JVM flags `" + String.join(" ", reported(jvmOptions))
                + "`, MALLOC_ARENA_MAX " + (arenas != null ? arenas : "unset"));
    }

    /** The flags the launchers give {@code run} alone ({@code FRAMELIFT_RUN_JAVA_OPTS}), before the others. */
    static List<String> runFlags(Map<String, String> environment) {
        final String flags = environment.getOrDefault("FRAMELIFT_RUN_JAVA_OPTS", "").trim();
        return flags.isEmpty() ? List.of() : List.of(flags.split("\\s+"));
    }

    /** This JVM's own flags that {@code run} would get too: memory and GC settings, system properties. */
    static List<String> launcherFlags() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("-X") || arg.startsWith("-D"))
                .filter(arg -> !arg.startsWith("-Xlog") && !arg.startsWith("-Xrunjdwp"))
                .toList();
    }

    /**
     * The flags worth a report: not the GC log (the benchmark's own), nor the launcher's FrameLift
     * folder (where this clone lies, not a setting).
     */
    static List<String> reported(List<String> flags) {
        return flags.stream().filter(flag -> !flag.startsWith("-Dframelift.home=") && !flag.startsWith("-Xlog:gc:file="))
                .toList();
    }

    /** Its JVM flags as {@link #reported} and malloc arena cap, for the report. */
    String settings() {
        return settings;
    }

    long pid() {
        return jvm.pid();
    }

    Path log() {
        return jvm.log();
    }

    /** Its memory now, having enhanced {@code frames} frames of the benchmark. */
    Sample sample(String when, int frames) {
        final String pid = Long.toString(jvm.pid());
        final double[] heap = lastHeap();
        return new Sample(when, frames, (System.nanoTime() - started) / 1e9,
                MachineInfo.residentMib(pid, "VmRSS").orElse(-1.0), MachineInfo.residentMib(pid, "VmHWM").orElse(-1.0),
                heap[0], heap[1]);
    }

    /** Heap in use after the last collection and committed then, MiB, from the GC log; -1 before the first. */
    private double[] lastHeap() {
        final double[] heap = {-1, -1};
        try {
            final List<String> lines = Files.exists(gcLog) ? Files.readAllLines(gcLog, StandardCharsets.UTF_8) : List.of();
            for (String line : lines) {
                final Matcher m = GC_HEAP.matcher(line);
                if (m.find()) {
                    heap[0] = mib(m.group(3), m.group(4));
                    heap[1] = mib(m.group(5), m.group(6));
                }
            }
        } catch (IOException e) {
            // unknown
        }
        return heap;
    }

    private static double mib(String value, String unit) {
        final double v = Double.parseDouble(value);
        return switch (unit) {
            case "K" -> v / 1024;
            case "G" -> v * 1024;
            default -> v;
        };
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }
}
