package dev.framelift.enhancer.demo;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import dev.framelift.enhancer.pipeline.Payloads;
import dev.framelift.schema.EnhancedFrame;

/**
 * Writes what the demo produced. Layout under the output folder:
 * <ul>
 * <li>{@code NNNN-<stream>-<task>.png}: the enhanced frame, as it came off {@code frames.enhanced};</li>
 * <li>{@code before/NNNN-<stream>-<task>.png}: the degraded input that was sent;</li>
 * <li>{@code compare/NNNN-<stream>-<task>.png}: the input scaled up with bicubic interpolation
 * (what a plain resize gives) beside the enhanced frame.</li>
 * </ul>
 */
final class DemoOutput {
    private final Path dir;

    DemoOutput(Path dir) throws IOException {
        this.dir = dir;
        clear(dir);
        Files.createDirectories(dir.resolve("before"));
        Files.createDirectories(dir.resolve("compare"));
    }

    void write(int index, EnhancedFrame frame, byte[] inputPng) throws IOException {
        String name = String.format("%04d-%s-%s.png", index, frame.getStreamId(), frame.getTask());
        byte[] enhanced = Payloads.bytes(frame.getPayload());
        Files.write(dir.resolve(name), enhanced);
        Files.write(dir.resolve("before").resolve(name), inputPng);
        BufferedImage after = ImageIO.read(new ByteArrayInputStream(enhanced));
        BufferedImage before = ImageIO.read(new ByteArrayInputStream(inputPng));
        if (after != null && before != null) {
            ImageIO.write(sideBySide(before, after, frame), "png", dir.resolve("compare").resolve(name).toFile());
        }
    }

    private static BufferedImage sideBySide(BufferedImage before, BufferedImage after, EnhancedFrame frame) {
        int w = after.getWidth();
        int h = after.getHeight();
        int label = 22;
        BufferedImage sheet = new BufferedImage(2 * w, h + label, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = sheet.createGraphics();
        g.setColor(Color.DARK_GRAY);
        g.fillRect(0, 0, 2 * w, label);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(before, 0, label, w, h, null);
        g.drawImage(after, w, label, null);
        g.setColor(Color.WHITE);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString("input " + before.getWidth() + "x" + before.getHeight() + " (bicubic resize)", 6, 16);
        g.drawString(frame.getTask() + " " + frame.getModelVersion() + "  " + w + "x" + h, w + 6, 16);
        g.dispose();
        return sheet;
    }

    /** Removes a previous demo's images (and only those: PNGs and the two sub-folders). */
    private static void clear(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        for (String sub : new String[] {"before", "compare", ""}) {
            Path folder = sub.isEmpty() ? dir : dir.resolve(sub);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    if (Files.isRegularFile(file) && file.getFileName().toString().endsWith(".png")) {
                        Files.delete(file);
                    }
                }
            }
        }
    }
}
