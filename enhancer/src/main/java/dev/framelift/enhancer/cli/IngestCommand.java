package dev.framelift.enhancer.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.framelift.enhancer.app.TopicSetup;
import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.enhancer.footage.Degradation;
import dev.framelift.enhancer.footage.FootageException;
import dev.framelift.enhancer.footage.FrameRateResampler;
import dev.framelift.enhancer.footage.FrameSource;
import dev.framelift.enhancer.footage.Ingest;
import dev.framelift.enhancer.footage.Sources;
import dev.framelift.schema.Tasks;
import dev.framelift.schema.Topics;

/** {@code framelift ingest}: footage into {@code frames.raw}, one stream. */
@Command(name = "ingest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Publish footage to " + Topics.RAW + " as one stream: a video file (mp4, avi, mkv,",
                "mpeg...), a live camera (rtsp://..., reconnecting with back-off when it drops),",
                "a folder of images (in natural order: 2 before 10), one image, or - for PNG/JPEG",
                "files concatenated on stdin. Sequence numbers and capture times follow the",
                "source; the frame rate travels in the frame attributes, so that export can",
                "rebuild the video. Creates missing topics.",
                "Exit status: 0 done; 1 the footage or Kafka failed (frames before it were sent);",
                "2 bad arguments.", ""})
final class IngestCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", required = true, description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--stream", paramLabel = "ID", required = true,
            description = "Stream id: the record key, and what export asks for.")
    String stream;

    @Option(names = "--task", paramLabel = "TASK", required = true, description = "sr-x2, sr-x4 or colorize.")
    String task;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "Video file, rtsp:// URL, folder, image, or - for stdin.")
    String source;

    @Option(names = "--fps", paramLabel = "F",
            description = "Resample a video or camera to F frames/s (drops or repeats frames); for images, their frame rate.")
    double fps;

    @Option(names = "--downscale", paramLabel = "K", defaultValue = "1",
            description = "Average K x K blocks: low-resolution input from good footage (default: ${DEFAULT-VALUE}).")
    int downscale;

    @Option(names = "--gray", description = "Send BT.601 luma only: grayscale input from colour footage.")
    boolean gray;

    @Option(names = "--realtime", description = "Pace frames at the source frame rate instead of as fast as possible.")
    boolean realtime;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "Stop after N frames (default: all).")
    long limit;

    @Mixin
    EnhancerOptions options;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!Tasks.ALL.contains(task)) {
            System.err.println("framelift ingest: unknown task '" + task + "'; known: " + Tasks.ALL);
            return 2;
        }
        if (downscale < 1 || fps < 0 || limit < 0) {
            System.err.println("framelift ingest: --downscale must be 1 or more, --fps and --limit 0 or more");
            return 2;
        }
        final EnhancerConfig config = options.toConfig(bootstrapServers);
        final ProgressLine[] progress = new ProgressLine[1];
        final Ingest ingest = new Ingest(config);
        final CountDownLatch finished = new CountDownLatch(1);
        final Thread hook = new Thread(() -> {
            ingest.stop();
            await(finished);
        }, "ingest-shutdown");
        try (FrameSource opened = Sources.open(source, System.in, config.imageLimits().maxPayloadBytes(),
                line -> System.err.println("\n" + line))) {
            final FrameSource footage = fps > 0 && opened.frameRate() > 0 && Math.abs(fps - opened.frameRate()) > 1e-6
                    ? new FrameRateResampler(opened, fps) : opened;
            System.out.println("ingesting " + footage.describe() + " as stream '" + stream + "' (" + task + ") to "
                    + bootstrapServers);
            TopicSetup.createMissing(config);
            Runtime.getRuntime().addShutdownHook(hook);
            final Ingest.Summary summary = ingest.run(footage,
                    new Ingest.Options(stream, task, new Degradation(downscale, gray), fps, realtime, limit),
                    (sent, expected, name) -> {
                        if (progress[0] == null) {
                            progress[0] = new ProgressLine("ingest " + stream, Math.max(0, expected));
                        }
                        progress[0].update(sent, name);
                    });
            if (progress[0] != null) {
                progress[0].finish();
            }
            System.out.printf("%d frames (%.1f MB) sent to %s as stream '%s' in %.1f s%n", summary.frames(),
                    summary.bytes() / 1e6, Topics.RAW, stream, summary.seconds());
            return 0;
        } catch (FootageException e) {
            if (progress[0] != null) {
                progress[0].finish();
            }
            System.err.println("framelift ingest: " + e.getMessage());
            return 1;
        } finally {
            finished.countDown();
            removeHook(hook);
        }
    }

    static void await(CountDownLatch finished) {
        try {
            finished.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // shutting down already, or never added
        }
    }
}
