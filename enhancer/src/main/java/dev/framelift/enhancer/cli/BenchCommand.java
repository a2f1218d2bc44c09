package dev.framelift.enhancer.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.framelift.enhancer.bench.Benchmark;
import dev.framelift.enhancer.broker.EmbeddedKafkaBroker;
import dev.framelift.enhancer.config.EnhancerConfig;

/** {@code framelift bench}: inference-only versus end-to-end throughput on the same frames. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure throughput of one task: inference alone, then end to end through Kafka",
                "(frames pre-loaded into frames.raw, drained by the enhancer, read back read_committed).",
                "Uses an embedded broker unless --bootstrap-servers is given."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--task", defaultValue = "sr-x2", description = "Task to measure (default: ${DEFAULT-VALUE}).")
    String task;

    @Option(names = "--size", defaultValue = "640x360", paramLabel = "WxH", description = "Input frame size (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--frames", defaultValue = "300", description = "Frames per measurement (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Use this cluster instead of an embedded broker.")
    String bootstrapServers;

    @Mixin
    EnhancerOptions options;

    @Override
    public Integer call() throws Exception {
        String[] wh = size.toLowerCase(Locale.ROOT).split("x");
        int width = Integer.parseInt(wh[0]);
        int height = Integer.parseInt(wh[1]);
        EnhancerConfig base = options.toConfig(bootstrapServers);
        if (bootstrapServers != null) {
            return report(new Benchmark(base, task, width, height, frames).run(System.out::println));
        }
        Path dir = Files.createTempDirectory("framelift-bench");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, dir.resolve("kafka"), base.rejectedMessageMaxBytes())) {
            Map<String, Object> settings = new HashMap<>(base.originals());
            settings.put(EnhancerConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers());
            settings.put(EnhancerConfig.STATE_DIR, dir.resolve("streams").toString());
            return report(new Benchmark(new EnhancerConfig(settings), task, width, height, frames).run(System.out::println));
        }
    }

    private static int report(Benchmark.Result r) {
        System.out.println();
        System.out.printf("task %s, model %s, %dx%d -> output, %d frames%n", r.task(), r.model(), r.width(), r.height(), r.frames());
        System.out.printf("  inference only : %8.2f frames/s%n", r.inferenceFps());
        System.out.printf("  end to end     : %8.2f frames/s   (ratio %.2f, mean batch %.2f)%n",
                r.endToEndFps(), r.ratio(), r.meanBatch());
        System.out.println("  per frame, ms  :");
        System.out.println("    decode    " + r.decodeMs());
        System.out.println("    queued    " + r.queuedMs());
        System.out.println("    inference " + r.inferenceMs() + "   (per batch)");
        System.out.println("    encode    " + r.encodeMs());
        return 0;
    }
}
