package dev.framelift.enhancer.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import dev.framelift.enhancer.app.TopicSetup;
import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.schema.ModelCardJson;
import dev.framelift.schema.Tasks;

/**
 * The enhancer's own resident memory: {@code framelift run} started as its own process ({@link
 * EnhancerProcess}) against the benchmark's broker with the configured models, sampled after
 * start-up (models loaded, nothing enhanced), after every served model has run (a few frames of
 * each task at its benchmark size), after a warm-up, through an optional soak (every 1/50 of it)
 * and at the end. Frames are the benchmark's camera frames, spread over several
 * streams, at the rate the enhancer sustains ({@link Soak}).
 */
final class EnhancerMemory {
    /** What was measured: the moments, the soak curve (empty without a soak) and its slope over its last half. */
    record Result(long pid, List<EnhancerProcess.Sample> moments, List<EnhancerProcess.Sample> soak, double slopeMibPerThousand,
            String task, int width, int height, int streams, String outputEncoding, Map<String, Integer> rejected, String settings) {
    }

    /** Streams (keys) the frames go round: several cameras, as in production. */
    static final int STREAMS = 8;
    /** Frames of each served task before the warm-up, so that every model has run. */
    static final int EVERY_MODEL_FRAMES = 4;
    /** Soak samples: one every 1/50 of the soak. */
    static final int SOAK_POINTS = 50;

    private EnhancerMemory() {
    }

    /**
     * @param sizes  the input size of each task, for the frames that run every model
     * @param warmUp frames before the "after warm-up" sample
     * @param soak   frames of the soak after it (0: none)
     * @param work   a folder for the process's settings, state, log and GC log
     */
    static Result measure(EnhancerConfig config, BenchSizes sizes, String task, int width, int height, int warmUp, int soak,
            Path work, Consumer<String> log) throws IOException, InterruptedException {
        TopicSetup.createMissing(config);
        final List<byte[]> jpegs = BenchFrames.jpegs(task, width, height);
        final int window = 2 * config.getInt(EnhancerConfig.STREAM_THREADS);
        final Duration stall = Duration.ofMinutes(3);
        final List<EnhancerProcess.Sample> moments = new ArrayList<>();
        final List<EnhancerProcess.Sample> curve = new ArrayList<>();
        final Map<String, Integer> rejected = new TreeMap<>();
        log.accept("  starting the enhancer as its own process (framelift run)");
        final String id = Long.toString(System.nanoTime() & 0xffffffffL, 36);
        try (EnhancerProcess enhancer = EnhancerProcess.start(BenchGroups.freshAtEnd(config, "bench-memory-" + id), work);
                FrameFeed feed = new FrameFeed(config, task, width, height, jpegs,
                        "bench-memory-" + id + "-soak-", STREAMS)) {
            moments.add(report(enhancer.sample("started, models loaded", 0), log));
            int done = 0;
            final List<String> tasks = servedTasks(config);
            for (String other : tasks) {
                final int[] wh = sizes.input(other);
                try (FrameFeed each = new FrameFeed(config, other, wh[0], wh[1], BenchFrames.jpegs(other, wh[0], wh[1]),
                        "bench-memory-" + id + "-each-" + other + "-", STREAMS)) {
                    Soak.run(each, EVERY_MODEL_FRAMES, window, 0, stall, rejected, back -> { });
                }
                done += EVERY_MODEL_FRAMES;
            }
            moments.add(report(enhancer.sample("after " + EVERY_MODEL_FRAMES + " frames of each model (" + String.join(", ", tasks)
                    + ")", done), log));
            Soak.run(feed, warmUp, window, 0, stall, rejected, back -> { });
            done += warmUp;
            moments.add(report(enhancer.sample("after a warm-up of " + warmUp + " frames", done), log));
            if (soak > 0) {
                curve.add(enhancer.sample("soak", 0));
                final int every = Math.max(1, soak / SOAK_POINTS);
                Soak.run(feed, soak, window, every, stall, rejected, back -> {
                    final EnhancerProcess.Sample s = enhancer.sample("soak", back);
                    curve.add(s);
                    log.accept(String.format("  soak %,d/%,d frames: resident %.0f MiB", back, soak, s.residentMib()));
                });
                done += soak;
                moments.add(report(enhancer.sample("after a soak of " + soak + " more frames", done), log));
            }
            final double slope = Soak.slopePerThousand(curve.stream().mapToDouble(EnhancerProcess.Sample::frames).toArray(),
                    curve.stream().mapToDouble(EnhancerProcess.Sample::residentMib).toArray());
            return new Result(enhancer.pid(), moments, curve, slope, task, width, height, STREAMS,
                    config.outputEncoding().toString(), rejected, enhancer.settings());
        }
    }

    /** The tasks the configured models serve, as frames name them (a flavour included). */
    private static List<String> servedTasks(EnhancerConfig config) throws IOException {
        final List<String> tasks = new ArrayList<>();
        for (Path dir : ModelSpeed.modelFolders(Path.of(config.getString(EnhancerConfig.MODELS_DIR)))) {
            tasks.add(Tasks.served(ModelCardJson.read(dir)));
        }
        return tasks.stream().distinct().sorted().toList();
    }

    private static EnhancerProcess.Sample report(EnhancerProcess.Sample s, Consumer<String> log) {
        log.accept(String.format("  enhancer %s: resident %.0f MiB, peak %.0f MiB", s.when(), s.residentMib(), s.peakMib()));
        return s;
    }
}
