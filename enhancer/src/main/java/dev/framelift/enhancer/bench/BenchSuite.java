package dev.framelift.enhancer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.enhancer.engine.FrameEngine;
import dev.framelift.model.FileTrees;
import dev.framelift.model.runtime.ContractViolation;

/**
 * The whole benchmark, in order: (1) the MatMul ceiling, (2) every model folder at its task's
 * size and batch 1, 4 and 16 (on a GPU: twice the size, batch 1, 8 and 32), (3) the host path per stage, (4) end to end through the broker the
 * configuration names, many streams and one, per output encoding, with latency at 50% and 90% of
 * the maximum rate, (5) the enhancer's own resident memory as its own process (and a soak), and the
 * benchmark process's, (6) FFmpeg's scalers. Returns the report as Markdown.
 */
public final class BenchSuite {
    /**
     * What to run.
     *
     * @param quick   small frames and few repetitions: checks that everything runs, in about a minute
     * @param gpu     GPU sizes and batches (1280x720 {@code sr-x2} input; batch 1, 8 and 32)
     * @param task    the task of the end-to-end runs
     * @param width   their input width (0: the task's benchmark size)
     * @param height  their input height
     * @param frames  frames per end-to-end run
     * @param command the command line, for the report
     * @param sections which measurements to run, of {@link #SECTIONS}
     * @param outputEncodings the output encodings of the end-to-end runs, each with many streams and one
     * @param latencyFrames frames per offered rate of the latency runs (0: none)
     * @param warmUp  frames through the enhancer's own process before its memory is read again
     * @param soak    frames of the soak after the warm-up (0: none)
     * @param soakChart where to draw the soak's memory curve (PNG), or null
     */
    public record Plan(boolean quick, boolean gpu, String task, int width, int height, int frames, String command,
            Set<String> sections, List<String> outputEncodings, int latencyFrames, int warmUp, int soak, Path soakChart) {
        public Plan {
            for (String section : sections) {
                if (!SECTIONS.contains(section)) {
                    throw new IllegalArgumentException("unknown benchmark section '" + section + "'; known: "
                            + String.join(", ", SECTIONS));
                }
            }
        }
    }

    /** This process's resident memory after a section, MiB: now and the peak so far. */
    record MemoryPoint(String when, double residentMib, double peakMib) {
        MemoryPoint(String when) {
            this(when, MachineInfo.residentMib("VmRSS").orElse(-1.0), MachineInfo.residentMib("VmHWM").orElse(-1.0));
        }
    }

    /** The enhancer's resident memory target, MiB (1.5 GiB with the default models loaded). */
    public static final double MEMORY_BUDGET_MIB = 1536;

    /** The measurements, in the order they run. */
    public static final List<String> SECTIONS = List.of("ceiling", "models", "host", "e2e", "memory", "scalers");

    private final EnhancerConfig config;
    private final Plan plan;

    /** @param config bootstrap.servers must point at a running broker (see {@link Benchmark}) */
    public BenchSuite(EnhancerConfig config, Plan plan) {
        this.config = config;
        this.plan = plan;
    }

    public String run(Consumer<String> log) throws IOException, InterruptedException, ContractViolation {
        final String device = FrameEngine.configureTensorFlow(config);
        final BenchReport report = new BenchReport(plan.command(), plan.quick(), device);
        final BenchSizes sizes = plan.quick() ? BenchSizes.QUICK : plan.gpu() ? BenchSizes.GPU : BenchSizes.FULL;
        final List<Integer> batches = plan.quick() ? List.of(1, 4) : plan.gpu() ? List.of(1, 8, 32) : List.of(1, 4, 16);
        final List<MemoryPoint> memory = new ArrayList<>();

        double ceiling = 0;
        if (plan.sections().contains("ceiling") || plan.sections().contains("models")) {
            final Map<Integer, Stats> products = new LinkedHashMap<>();
            for (int n : plan.quick() ? List.of(512) : List.of(1024, 2048, 4096)) {
                log.accept("MatMul ceiling, " + n + "x" + n);
                final Stats gflops = Stats.of(MatMulCeiling.measure(n, plan.quick() ? 2 : 7));
                products.put(n, gflops);
                // other work on the machine only ever slows a run down: the fastest run is the ceiling
                ceiling = Math.max(ceiling, gflops.max());
                log.accept(String.format("  %.1f GFLOP/s", gflops.p50()));
            }
            report.ceiling(products, ceiling);
            memory.add(new MemoryPoint("after the ceiling"));
        }
        if (plan.sections().contains("models")) {
            log.accept("models, inference alone");
            final List<ModelSpeed.Row> rows = new ArrayList<>();
            for (Path dir : ModelSpeed.modelFolders(Path.of(config.getString(EnhancerConfig.MODELS_DIR)))) {
                rows.addAll(ModelSpeed.measure(dir, sizes, batches, plan.quick() ? 1 : 3, log));
            }
            report.models(rows, ceiling);
            memory.add(new MemoryPoint("after the models"));
        }
        if (plan.sections().contains("host")) {
            log.accept("host path");
            report.hostPath(new HostPath(plan.quick() ? 3 : 30).measure());
            memory.add(new MemoryPoint("after the host path"));
        }
        final int[] wh = plan.width() > 0 ? new int[] {plan.width(), plan.height()} : sizes.input(plan.task());
        if (plan.sections().contains("e2e")) {
            log.accept("end to end");
            final List<Benchmark.Result> runs = new ArrayList<>();
            double inferenceFps = Double.NaN;
            for (String encoding : plan.outputEncodings()) {
                for (int streams : List.of(16, 1)) {
                    log.accept("  " + streams + (streams == 1 ? " stream" : " streams") + ", output " + encoding);
                    final Benchmark.Result result = new Benchmark(config, plan.task(), wh[0], wh[1], plan.frames(), streams,
                            encoding, plan.latencyFrames()).run(log, inferenceFps);
                    inferenceFps = result.inferenceFps();
                    runs.add(result);
                }
            }
            report.endToEnd(runs);
            memory.add(new MemoryPoint("after end to end"));
        }
        if (plan.sections().contains("memory")) {
            log.accept("the enhancer's own memory");
            final Path work = Files.createTempDirectory("framelift-bench-enhancer");
            final EnhancerMemory.Result enhancer = EnhancerMemory.measure(config, sizes, plan.task(), wh[0], wh[1], plan.warmUp(),
                    plan.soak(), work, log);
            // kept when the measurement fails: the enhancer's log is there
            FileTrees.deleteRecursively(work);
            String chart = null;
            if (!enhancer.soak().isEmpty() && plan.soakChart() != null) {
                SoakChart.write(enhancer.soak(), MEMORY_BUDGET_MIB, String.format("framelift run: memory over a soak of "
                        + "%,d frames (%s %dx%d, output %s)", plan.soak(), plan.task(), wh[0], wh[1],
                        enhancer.outputEncoding()), plan.soakChart());
                chart = plan.soakChart().getFileName().toString();
                log.accept("soak chart written to " + plan.soakChart());
            }
            report.memory(enhancer, chart, MEMORY_BUDGET_MIB, memory);
        }
        if (plan.sections().contains("scalers")) {
            log.accept("FFmpeg's scalers, for context");
            report.scalers(FfmpegScalers.measure(plan.quick() ? 3 : 30));
        }
        return report.render();
    }
}
