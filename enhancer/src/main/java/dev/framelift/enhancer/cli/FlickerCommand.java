package dev.framelift.enhancer.cli;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.enhancer.footage.FootageException;
import dev.framelift.enhancer.footage.SourceFrame;
import dev.framelift.enhancer.footage.VideoSource;
import dev.framelift.enhancer.image.ImageCodec;
import dev.framelift.enhancer.inference.MicroBatcher;
import dev.framelift.enhancer.inference.ModelRegistry;
import dev.framelift.enhancer.inference.TensorFlowRuntime;
import dev.framelift.enhancer.pipeline.FramePipeline;
import dev.framelift.enhancer.pipeline.Payloads;
import dev.framelift.enhancer.temporal.ChromaStabilizer;
import dev.framelift.enhancer.temporal.FlickerMeter;
import dev.framelift.model.Image;
import dev.framelift.schema.Encoding;
import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Frame;
import dev.framelift.schema.Tasks;

/**
 * {@code framelift flicker}: how much a colorized video flickers, with and without the per-stream
 * chroma smoothing, against the colour original. The frames go through the same pipeline as the
 * service's (decode, tiles, model, smoothing, encode), no Kafka.
 */
@Command(name = "flicker", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure colorization flicker on a colour video: its frames are turned gray and",
                "colorized as one stream, without and with colorize.temporal.strength, and",
                "compared with the original: the mean absolute frame-to-frame chroma change on",
                "static pixels (the scene did not move there) of each output and of the",
                "original, and the mean chroma error against the original. No Kafka.", ""})
final class FlickerCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "VIDEO", description = "A colour video file.")
    String video;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "First N frames only (default: all).")
    long limit;

    @Mixin
    EnhancerOptions options;

    @Override
    public Integer call() throws Exception {
        final EnhancerConfig config = options.toConfig(null);
        final ChromaStabilizer smoothing = config.chromaStabilizer();
        if (!smoothing.enabled()) {
            System.err.println("framelift flicker: colorize.temporal.strength is 0; nothing to compare");
            return 2;
        }
        TensorFlowRuntime.configure(config.getInt(EnhancerConfig.TF_INTRA_OP_THREADS),
                config.getInt(EnhancerConfig.TF_INTER_OP_THREADS));
        final ImageCodec codec = new ImageCodec(config.imageLimits());
        try (VideoSource source = VideoSource.open(video);
                ModelRegistry registry = ModelRegistry.load(Path.of(config.getString(EnhancerConfig.MODELS_DIR)));
                MicroBatcher batcher = new MicroBatcher(registry, config.batching())) {
            if (registry.get(Tasks.COLORIZE).isEmpty()) {
                System.err.println("framelift flicker: no colorize model in " + config.getString(EnhancerConfig.MODELS_DIR));
                return 2;
            }
            final FramePipeline plain = new FramePipeline(codec, registry, batcher, Encoding.PNG, Integer.MAX_VALUE,
                    config.frameBudget(), config.tileGrid(), ChromaStabilizer.off());
            final FramePipeline smoothed = new FramePipeline(codec, registry, batcher, Encoding.PNG, Integer.MAX_VALUE,
                    config.frameBudget(), config.tileGrid(), smoothing);
            final FlickerMeter before = new FlickerMeter();
            final FlickerMeter after = new FlickerMeter();
            final long expected = limit > 0 ? Math.min(limit, Math.max(0, source.expectedFrames())) : source.expectedFrames();
            final ProgressLine progress = new ProgressLine("flicker", Math.max(0, expected));
            System.out.println("colorizing " + source.describe() + " in gray, as one stream, twice");
            for (SourceFrame frame; (limit == 0 || before.frames() < limit) && (frame = source.next()) != null; ) {
                final Image truth = frame.image();
                final Frame gray = grayFrame(codec, truth, frame.sequence());
                before.add(truth, decode(codec, plain.enhance(gray)));
                after.add(truth, decode(codec, smoothed.enhance(gray)));
                progress.update(before.frames(), frame.name());
            }
            progress.finish();
            report(before, after, config.getDouble(EnhancerConfig.COLORIZE_TEMPORAL_STRENGTH));
            return 0;
        } catch (FootageException e) {
            System.err.println("framelift flicker: " + e.getMessage());
            return 1;
        }
    }

    private static Frame grayFrame(ImageCodec codec, Image truth, long sequence) {
        final byte[] png = codec.encode(ImageCodec.toChannels(truth, 1), Encoding.PNG);
        return Frame.newBuilder().setStreamId("flicker").setSequence(sequence).setCaptureTime(Instant.now())
                .setTask(Tasks.COLORIZE).setEncoding(Encoding.PNG).setPayload(ByteBuffer.wrap(png))
                .setAttributes(Map.of()).build();
    }

    private static Image decode(ImageCodec codec, EnhancedFrame frame) throws Exception {
        return codec.decode(frame.getEncoding(), Payloads.bytes(frame.getPayload()), frame.getWidth(), frame.getHeight());
    }

    private static void report(FlickerMeter before, FlickerMeter after, double strength) {
        System.out.printf(Locale.ROOT, "%d frames; %.1f%% of pixels static between frames (truth luma change <= %.0f levels)%n",
                before.frames(), 100 * before.staticShare(), FlickerMeter.STATIC_LEVELS);
        System.out.println("chroma change on static pixels, levels per frame (lower is steadier):");
        System.out.printf(Locale.ROOT, "  original (truth)                        %.3f%n", before.truthFlicker());
        System.out.printf(Locale.ROOT, "  colorized, no smoothing                 %.3f  (%.1fx the truth)%n",
                before.outputFlicker(), before.outputFlicker() / before.truthFlicker());
        System.out.printf(Locale.ROOT, "  colorized, temporal strength %.2f       %.3f  (%.1fx the truth)%n", strength,
                after.outputFlicker(), after.outputFlicker() / after.truthFlicker());
        System.out.println("chroma error against the original, levels (lower is closer):");
        System.out.printf(Locale.ROOT, "  no smoothing %.3f, smoothed %.3f%n", before.chromaError(), after.chromaError());
    }
}
