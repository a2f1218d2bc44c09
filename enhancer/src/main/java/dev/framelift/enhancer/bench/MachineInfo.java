package dev.framelift.enhancer.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.tensorflow.TensorFlow;

/**
 * What a benchmark ran on, for its report: CPU model and flags that matter to TensorFlow, cores,
 * memory, operating system, JVM, TensorFlow, and the load average (the machine may be shared).
 * Reads {@code /proc} where it exists and says "unknown" elsewhere.
 */
final class MachineInfo {
    private MachineInfo() {
    }

    static String cpu() {
        final List<String> info = lines("/proc/cpuinfo");
        final String model = info.stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(MachineInfo::value).orElse(System.getProperty("os.arch"));
        final String flags = info.stream().filter(l -> l.startsWith("flags")).findFirst().map(MachineInfo::value).orElse("");
        final StringBuilder simd = new StringBuilder();
        for (String flag : List.of("avx2", "fma", "avx512f", "avx512_vnni", "amx_tile")) {
            if ((" " + flags + " ").contains(" " + flag + " ")) {
                simd.append(simd.length() == 0 ? "" : ", ").append(flag);
            }
        }
        return model + " (" + Runtime.getRuntime().availableProcessors() + " cores available"
                + (simd.length() > 0 ? "; " + simd : "") + ")";
    }

    static String memory() {
        return lines("/proc/meminfo").stream().filter(l -> l.startsWith("MemTotal")).findFirst()
                .map(l -> String.format("%.1f GiB", Long.parseLong(value(l).replace("kB", "").trim()) / 1048576.0))
                .orElse("unknown");
    }

    static String system() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java "
                + Runtime.version() + " (" + System.getProperty("java.vm.name") + "), TensorFlow " + TensorFlow.version();
    }

    /** The 1-, 5- and 15-minute load averages, e.g. {@code "1.02 0.87 0.55"}. */
    static String loadAverage() {
        return lines("/proc/loadavg").stream().findFirst().map(l -> String.join(" ", List.of(l.split(" ")).subList(0, 3)))
                .orElse(String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    }

    /** This process's resident memory: {@code VmRSS} or {@code VmHWM} (its peak) in MiB. */
    static Optional<Double> residentMib(String field) {
        return residentMib("self", field);
    }

    /** The resident memory of process {@code pid} ("self": this one), as {@link #residentMib(String)}. */
    static Optional<Double> residentMib(String pid, String field) {
        return lines("/proc/" + pid + "/status").stream().filter(l -> l.startsWith(field + ":")).findFirst()
                .map(l -> Long.parseLong(value(l).replace("kB", "").trim()) / 1024.0);
    }

    private static String value(String line) {
        return line.substring(line.indexOf(':') + 1).trim();
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
