package dev.framelift.enhancer.demo;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.framelift.enhancer.footage.Degradation;
import dev.framelift.enhancer.footage.SourceFrame;
import dev.framelift.enhancer.footage.VideoSource;
import dev.framelift.enhancer.image.ImageCodec;
import dev.framelift.enhancer.image.ImageLimits;
import dev.framelift.model.Image;
import dev.framelift.schema.Encoding;
import dev.framelift.schema.Tasks;

/**
 * The demo's input frames, made from the samples on the classpath under {@code /demo/} (listed in
 * {@code /demo/index.txt} as {@code stream-id task file}): the shipped clip ({@code lobby.mp4},
 * copied there from {@code samples/} by the build), frame after frame, and still photos; each
 * is degraded for its task (downscaled by the task's scale, or turned to grayscale) and
 * PNG-encoded once.
 */
final class DemoSamples {
    /** One ready-to-send input: the degraded PNG and where it came from. */
    record Sample(String streamId, String task, String name, byte[] png, int width, int height) {
    }

    private DemoSamples() {
    }

    /**
     * The samples in the order they are sent, once round. A video line ({@code .mp4}) stands for
     * the video's next frame each time it comes up, so the list repeats the other lines until
     * every frame of the video was sent once.
     */
    static List<Sample> load(List<String> tasks) {
        final List<String[]> lines = new ArrayList<>();
        for (String line : SampleFootage.text("/demo/index.txt").split("\n")) {
            final String[] fields = line.trim().split("\\s+");
            if (fields.length == 3 && !line.startsWith("#") && tasks.contains(fields[1])) {
                lines.add(fields);
            }
        }
        final Map<String, List<Sample>> videos = new HashMap<>();
        final Map<String, Sample> stills = new HashMap<>();
        final Map<String, Integer> perRound = new HashMap<>();
        for (String[] fields : lines) {
            final String key = fields[1] + " " + fields[2];
            if (fields[2].endsWith(".mp4")) {
                videos.computeIfAbsent(key, k -> videoSamples(fields[0], fields[1], fields[2]));
                perRound.merge(key, 1, Integer::sum);
            } else {
                stills.computeIfAbsent(key, k -> still(fields[0], fields[1], fields[2]));
            }
        }
        int rounds = 1;
        for (var video : videos.entrySet()) {
            rounds = Math.max(rounds, (video.getValue().size() + perRound.get(video.getKey()) - 1)
                    / perRound.get(video.getKey()));
        }
        final List<Sample> samples = new ArrayList<>();
        final Map<String, Integer> next = new HashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (String[] fields : lines) {
                final String key = fields[1] + " " + fields[2];
                final List<Sample> frames = videos.get(key);
                if (frames == null) {
                    samples.add(stills.get(key));
                } else {
                    final int k = next.merge(key, 1, Integer::sum) - 1;
                    samples.add(frames.get(k % frames.size()));
                }
            }
        }
        if (samples.isEmpty()) {
            throw new IllegalStateException("no demo samples for tasks " + tasks);
        }
        return samples;
    }

    private static Sample still(String streamId, String task, String file) {
        final BufferedImage degraded = degrade(SampleFootage.image("/demo/" + file), task);
        return new Sample(streamId, task, file, SampleFootage.encode(degraded, "png"), degraded.getWidth(),
                degraded.getHeight());
    }

    /** Every frame of a clip, degraded for its task like the stills. */
    private static List<Sample> videoSamples(String streamId, String task, String file) {
        final Degradation degradation = switch (Tasks.baseOf(task)) {
            case Tasks.SR_X2 -> new Degradation(2, false);
            case Tasks.SR_X4 -> new Degradation(4, false);
            case Tasks.COLORIZE -> new Degradation(1, true);
            default -> throw new IllegalArgumentException("unknown task " + task);
        };
        final ImageCodec codec = new ImageCodec(ImageLimits.defaults());
        final List<Sample> frames = new ArrayList<>();
        try (VideoSource video = VideoSource.open(SampleFootage.file("/demo/" + file).toString())) {
            for (SourceFrame frame; (frame = video.next()) != null; ) {
                final Image degraded = degradation.apply(frame.image());
                frames.add(new Sample(streamId, task, file + "#" + frame.sequence(), codec.encode(degraded, Encoding.PNG),
                        degraded.width(), degraded.height()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the demo clip " + file + ": " + e.getMessage(), e);
        }
        return frames;
    }

    /** The input a task's model expects: the original downscaled (either SR flavour) or in gray. */
    static BufferedImage degrade(BufferedImage original, String task) {
        return switch (Tasks.baseOf(task)) {
            case Tasks.SR_X2 -> downscale(original, 2);
            case Tasks.SR_X4 -> downscale(original, 4);
            case Tasks.COLORIZE -> gray(original);
            default -> throw new IllegalArgumentException("unknown task " + task);
        };
    }

    /** Area-averaging downscale, as a camera's smaller sensor would see the scene. */
    private static BufferedImage downscale(BufferedImage image, int factor) {
        final int w = image.getWidth() / factor;
        final int h = image.getHeight() / factor;
        final BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        final Graphics2D g = small.createGraphics();
        g.drawImage(image.getScaledInstance(w, h, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
        g.dispose();
        return small;
    }

    private static BufferedImage gray(BufferedImage image) {
        final BufferedImage gray = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        final Graphics2D g = gray.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return gray;
    }
}
