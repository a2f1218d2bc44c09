package dev.framelift.enhancer.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.framelift.enhancer.bench.BenchSuite;
import dev.framelift.enhancer.broker.EmbeddedKafkaBroker;
import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.enhancer.engine.FrameEngine;
import dev.framelift.enhancer.inference.TensorFlowRuntime;

/** {@code framelift bench}: the machine's ceiling, every model, the host path and the Kafka path, in one report. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure this machine: (1) TensorFlow's float32 MatMul FLOP/s, (2) every model in the models folder "
                + "at batch 1, 4 and 16 (FLOPs per frame from its graph, share of the ceiling), (3) the host path per "
                + "frame (Avro, image decode, each output encoding), (4) end to end through Kafka, many streams and "
                + "one, per output encoding, with latency from capture time (p50, p95, p99) at 50%% and 90%% of the "
                + "maximum rate, (5) the resident memory of the enhancer as its own process (framelift run) after "
                + "start-up, after every model ran, after a warm-up and through an optional soak (--soak: a curve, its "
                + "slope and a chart), and of this process, (6) FFmpeg's scalers. Prints the report and writes it as "
                + "Markdown (--out).",
                "Uses an embedded broker unless --bootstrap-servers is given. Run it on a quiet machine."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "Small frames and few repetitions: checks that everything runs, in about a minute.")
    boolean quick;

    @Option(names = "--gpu", description = "Measure on the GPU; fails if TensorFlow sees none (build with -Pgpu).")
    boolean gpu;

    @Option(names = "--task", defaultValue = "sr-x2", description = "Task of the end-to-end runs and the memory soak (default: ${DEFAULT-VALUE}).")
    String task;

    @Option(names = "--size", paramLabel = "WxH",
            description = "Input size of the end-to-end runs and the memory soak (default: the task's: 640x360 sr-x2, 320x180 sr-x4, 640x480 colorize).")
    String size;

    @Option(names = "--frames", description = "Frames per end-to-end run (default: 120, quick 8).")
    Integer frames;

    @Option(names = "--output-encodings", split = ",", paramLabel = "ENCODING",
            description = "Output encodings of the end-to-end runs, each with 16 streams and one (default: PNG,JPEG).")
    List<String> outputEncodings = List.of("PNG", "JPEG");

    @Option(names = "--soak", paramLabel = "N",
            description = "After the warm-up, stream N more frames through the enhancer's own process and sample its "
                    + "memory every N/50 frames; the chart goes beside the report as <report>-soak.png (default: 0, no soak).")
    int soak;

    @Option(names = "--sections", split = ",", paramLabel = "NAME",
            description = "Run only these measurements: ceiling, models, host, e2e, memory, scalers (default: all).")
    List<String> sections = BenchSuite.SECTIONS;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the report (default: BENCHMARKS.md in the FrameLift folder).")
    Path out;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Use this cluster instead of an embedded broker.")
    String bootstrapServers;

    @Mixin
    EnhancerOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        final int[] wh = size == null ? new int[] {0, 0} : parseSize(size);
        final EnhancerConfig base = options.toConfig(bootstrapServers);
        try {
            FrameEngine.configureTensorFlow(base);
        } catch (IllegalStateException unusable) {
            throw new IllegalArgumentException(unusable.getMessage(), unusable);
        }
        if (gpu && !TensorFlowRuntime.gpuAvailable()) {
            throw new IllegalArgumentException("--gpu: TensorFlow sees no GPU on this machine (it needs the -Pgpu "
                    + "build, an NVIDIA driver and the CUDA 12 / cuDNN 9 libraries; see enhancer/README.md)");
        }
        if (soak < 0) {
            throw new IllegalArgumentException("--soak must be 0 or more frames, got " + soak);
        }
        final List<String> encodings = outputEncodings.stream().map(e -> e.trim().toUpperCase(Locale.ROOT)).distinct().toList();
        for (String encoding : encodings) {
            if (!EnhancerConfig.OUTPUT_ENCODINGS.contains(encoding)) {
                throw new IllegalArgumentException("--output-encodings: unknown encoding '" + encoding + "'; known: "
                        + String.join(", ", EnhancerConfig.OUTPUT_ENCODINGS));
            }
        }
        final String command = "framelift " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        final Path target = out != null ? out : Path.of(System.getProperty("framelift.home", "."), "BENCHMARKS.md");
        final String reportName = target.getFileName().toString().replaceFirst("\\.md$", "");
        final BenchSuite.Plan plan = new BenchSuite.Plan(quick, gpu, task, wh[0], wh[1], frames != null ? frames : quick ? 8 : 120,
                command.trim(), new LinkedHashSet<>(sections), encodings, quick ? 6 : 60, quick ? 8 : 64, soak,
                target.resolveSibling(reportName + "-soak.png"));
        final String report;
        if (bootstrapServers != null) {
            report = new BenchSuite(base, plan).run(System.out::println);
        } else {
            final Path dir = Files.createTempDirectory("framelift-bench");
            try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, dir.resolve("kafka"), base.rejectedMessageMaxBytes())) {
                final Map<String, Object> settings = new HashMap<>(base.originals());
                settings.put(EnhancerConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers());
                settings.put(EnhancerConfig.STATE_DIR, dir.resolve("streams").toString());
                report = new BenchSuite(new EnhancerConfig(settings), plan).run(System.out::println);
            }
        }
        Files.writeString(target, report, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(report);
        System.out.println("written to " + target);
        return 0;
    }

    private static int[] parseSize(String size) {
        final String[] wh = size.toLowerCase(Locale.ROOT).split("x");
        try {
            final int[] parsed = {Integer.parseInt(wh[0]), Integer.parseInt(wh[1])};
            if (wh.length == 2 && parsed[0] > 0 && parsed[1] > 0) {
                return parsed;
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            // falls through to the one-line error
        }
        throw new IllegalArgumentException("--size must be WIDTHxHEIGHT, e.g. 640x360, got '" + size + "'");
    }
}
