package dev.framelift.enhancer.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.enhancer.inference.TensorFlowRuntime;
import dev.framelift.model.runtime.ContractViolation;

/**
 * The whole benchmark, in order: (1) the MatMul ceiling, (2) every model folder at its task's
 * size and batch 1, 4 and 16, (3) the host path per stage, (4) end to end through the broker the
 * configuration names, many streams and one, (5) the process's resident memory. Returns the
 * report as Markdown.
 */
public final class BenchSuite {
    /**
     * What to run.
     *
     * @param quick   small frames and few repetitions: checks that everything runs, in about a minute
     * @param task    the task of the end-to-end runs
     * @param width   their input width (0: the task's benchmark size)
     * @param height  their input height
     * @param frames  frames per end-to-end run
     * @param command the command line, for the report
     * @param sections which measurements to run, of {@link #SECTIONS}
     */
    public record Plan(boolean quick, String task, int width, int height, int frames, String command,
            Set<String> sections) {
        public Plan {
            for (String section : sections) {
                if (!SECTIONS.contains(section)) {
                    throw new IllegalArgumentException("unknown benchmark section '" + section + "'; known: "
                            + String.join(", ", SECTIONS));
                }
            }
        }
    }

    /** The measurements, in the order they run. */
    public static final List<String> SECTIONS = List.of("ceiling", "models", "host", "e2e", "memory");

    private final EnhancerConfig config;
    private final Plan plan;

    /** @param config bootstrap.servers must point at a running broker (see {@link Benchmark}) */
    public BenchSuite(EnhancerConfig config, Plan plan) {
        this.config = config;
        this.plan = plan;
    }

    public String run(Consumer<String> log) throws IOException, InterruptedException, ContractViolation {
        TensorFlowRuntime.configure(config.getInt(EnhancerConfig.TF_INTRA_OP_THREADS),
                config.getInt(EnhancerConfig.TF_INTER_OP_THREADS));
        BenchReport report = new BenchReport(plan.command(), plan.quick());
        BenchSizes sizes = plan.quick() ? BenchSizes.QUICK : BenchSizes.FULL;

        Stats ceiling = null;
        if (plan.sections().contains("ceiling") || plan.sections().contains("models")) {
            int n = plan.quick() ? 512 : 2048;
            log.accept("MatMul ceiling, " + n + "x" + n);
            ceiling = Stats.of(MatMulCeiling.measure(n, plan.quick() ? 2 : 5));
            report.ceiling(n, ceiling);
            log.accept(String.format("  %.1f GFLOP/s", ceiling.p50()));
        }
        if (plan.sections().contains("models")) {
            log.accept("models, inference alone");
            List<ModelSpeed.Row> rows = new ArrayList<>();
            for (Path dir : ModelSpeed.modelFolders(Path.of(config.getString(EnhancerConfig.MODELS_DIR)))) {
                rows.addAll(ModelSpeed.measure(dir, sizes, plan.quick() ? List.of(1, 4) : List.of(1, 4, 16),
                        plan.quick() ? 1 : 3, log));
            }
            report.models(rows, ceiling.p50());
        }
        if (plan.sections().contains("host")) {
            log.accept("host path");
            report.hostPath(new HostPath(plan.quick() ? 3 : 30).measure());
        }
        if (plan.sections().contains("e2e")) {
            log.accept("end to end");
            int[] wh = plan.width() > 0 ? new int[] {plan.width(), plan.height()} : sizes.input(plan.task());
            List<Benchmark.Result> runs = new ArrayList<>();
            for (int streams : plan.quick() ? List.of(16) : List.of(16, 1)) {
                log.accept("  " + streams + (streams == 1 ? " stream" : " streams"));
                runs.add(new Benchmark(config, plan.task(), wh[0], wh[1], plan.frames(), streams).run(log));
            }
            report.endToEnd(runs, config.outputEncoding().toString());
        }
        if (plan.sections().contains("memory")) {
            report.memory();
        }
        return report.render();
    }
}
