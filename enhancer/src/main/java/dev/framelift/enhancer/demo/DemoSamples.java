package dev.framelift.enhancer.demo;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import dev.framelift.schema.Tasks;

/**
 * The demo's input frames, made from the sample images on the classpath under {@code /demo/}
 * (listed in {@code /demo/index.txt} as {@code stream-id task file}): each image is degraded for
 * its task (downscaled by the task's scale, or turned to grayscale) and PNG-encoded once.
 */
final class DemoSamples {
    /** One ready-to-send input: the degraded PNG and where it came from. */
    record Sample(String streamId, String task, String name, byte[] png, int width, int height) {
    }

    private DemoSamples() {
    }

    static List<Sample> load(List<String> tasks) {
        List<Sample> samples = new ArrayList<>();
        for (String line : SampleFootage.text("/demo/index.txt").split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length != 3 || line.startsWith("#") || !tasks.contains(fields[1])) {
                continue;
            }
            BufferedImage original = SampleFootage.image("/demo/" + fields[2]);
            BufferedImage degraded = degrade(original, fields[1]);
            samples.add(new Sample(fields[0], fields[1], fields[2], SampleFootage.encode(degraded, "png"), degraded.getWidth(), degraded.getHeight()));
        }
        if (samples.isEmpty()) {
            throw new IllegalStateException("no demo samples for tasks " + tasks);
        }
        return samples;
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
        int w = image.getWidth() / factor;
        int h = image.getHeight() / factor;
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = small.createGraphics();
        g.drawImage(image.getScaledInstance(w, h, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
        g.dispose();
        return small;
    }

    private static BufferedImage gray(BufferedImage image) {
        BufferedImage gray = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = gray.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return gray;
    }
}
