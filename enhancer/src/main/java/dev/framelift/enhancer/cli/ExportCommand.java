package dev.framelift.enhancer.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.framelift.enhancer.app.TopicSetup;
import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.enhancer.footage.Export;
import dev.framelift.enhancer.footage.FootageException;
import dev.framelift.enhancer.footage.FrameSink;
import dev.framelift.enhancer.footage.PngFolderSink;
import dev.framelift.enhancer.footage.VideoSink;
import dev.framelift.schema.Topics;

/** {@code framelift export}: one stream of {@code frames.enhanced} into a video or numbered PNGs. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write one stream of " + Topics.ENHANCED + " to an H.264 video (FILE.mp4, .mkv or",
                ".mov) at the stream's frame rate, or to numbered PNGs (000000.png...) in a",
                "folder, in sequence order. Gaps in the sequence are reported, with the reason",
                "from " + Topics.REJECTED + "; a video holds the previous frame over a gap so",
                "that its timing stays true. Stops after the stream's last frame (ingest marks",
                "it), after --until-idle, or on Ctrl-C, and finishes the video in every case.",
                "Never overwrites: --out must not exist (or be an empty folder).",
                "Exit status: 0 complete; 3 written with gaps; 1 Kafka or the output failed;",
                "2 bad arguments.", ""})
final class ExportCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", required = true, description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--stream", paramLabel = "ID", required = true, description = "The stream id to export.")
    String stream;

    @Option(names = "--out", paramLabel = "FILE.mp4|DIR", required = true,
            description = "A video file (.mp4, .mkv, .mov) or a folder for numbered PNGs.")
    Path out;

    @Option(names = "--from-beginning",
            description = "Start at the oldest frame Kafka keeps (default: only frames enhanced from now on).")
    boolean fromBeginning;

    @Option(names = "--side-by-side",
            description = "Put the input, resized with plain bicubic, left of each enhanced frame (reads " + Topics.RAW + " too).")
    boolean sideBySide;

    @Option(names = "--until-idle", paramLabel = "S",
            description = "Finish after S seconds without a new frame of the stream (default: wait for its last frame).")
    Double untilIdle;

    @Option(names = "--fps", paramLabel = "F",
            description = "Frame rate of the video (default: the " + "frame.rate attribute ingest sets, else 25).")
    double fps;

    @Mixin
    EnhancerOptions options;

    @Override
    public Integer call() throws IOException {
        final String problem = checkOut();
        if (problem != null) {
            System.err.println("framelift export: " + problem);
            return 2;
        }
        if (untilIdle != null && untilIdle <= 0 || fps < 0) {
            System.err.println("framelift export: --until-idle and --fps must be above 0");
            return 2;
        }
        final EnhancerConfig config = options.toConfig(bootstrapServers);
        final Export export = new Export(config);
        final CountDownLatch finished = new CountDownLatch(1);
        final Thread hook = new Thread(() -> {
            export.stop();
            IngestCommand.await(finished);
        }, "export-shutdown");
        final ProgressLine progress = new ProgressLine("export " + stream, 0);
        final boolean video = VideoSink.isVideo(out);
        final FrameSink[] sink = new FrameSink[1];
        try {
            TopicSetup.createMissing(config);
            Runtime.getRuntime().addShutdownHook(hook);
            System.out.println("exporting stream '" + stream + "' from " + bootstrapServers + " to " + out
                    + (fromBeginning ? " (from the beginning)" : " (new frames; --from-beginning for all)"));
            final Export.Summary summary = export.run(
                    new Export.Options(stream, fromBeginning, sideBySide,
                            untilIdle == null ? null : Duration.ofMillis(Math.round(untilIdle * 1000)), fps),
                    rate -> sink[0] = video ? new VideoSink(out, rate) : new PngFolderSink(out),
                    new Export.Listener() {
                        @Override
                        public void written(long frames, long sequence) {
                            progress.update(frames, "frame " + sequence);
                        }

                        @Override
                        public void notice(String line) {
                            System.err.println("\n" + line);
                        }
                    });
            progress.finish();
            System.out.println(sink[0] == null ? "no frames of stream '" + stream + "' arrived; nothing written"
                    : "wrote " + sink[0].describe() + (summary.reachedEnd() ? " (the stream's last frame)" : ""));
            if (summary.duplicates() > 0) {
                System.out.println(summary.duplicates() + " frames skipped: their sequence numbers came again"
                        + " (the stream id was reused by another ingest?)");
            }
            if (summary.missing() > 0) {
                System.out.println(summary.missing() + " frames missing:");
                summary.gaps().forEach(line -> System.out.println("  " + line));
                return 3;
            }
            return 0;
        } catch (FootageException e) {
            progress.finish();
            System.err.println("framelift export: " + e.getMessage());
            return 1;
        } finally {
            finished.countDown();
            IngestCommand.removeHook(hook);
        }
    }

    /** Null when --out can be written without touching anything that exists. */
    private String checkOut() throws IOException {
        if (VideoSink.isVideo(out)) {
            if (Files.exists(out)) {
                return out + " exists; remove it or choose another --out";
            }
            final Path parent = out.toAbsolutePath().getParent();
            return Files.isDirectory(parent) ? null : "no folder " + parent + " for " + out;
        }
        if (Files.isRegularFile(out)) {
            return out + " is a file; --out takes a .mp4/.mkv/.mov file or a folder";
        }
        if (Files.isDirectory(out)) {
            try (Stream<Path> entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    return "folder " + out + " is not empty; choose a new or empty folder";
                }
            }
        }
        return null;
    }
}
