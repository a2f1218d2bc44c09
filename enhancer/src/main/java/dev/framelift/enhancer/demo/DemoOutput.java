package dev.framelift.enhancer.demo;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
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
 * (what a plain resize gives) beside the enhanced frame;</li>
 * <li>{@value #MANIFEST}: every file the demo wrote, listed before it is written.</li>
 * </ul>
 * A later demo on the same folder removes exactly the files in the manifest, nothing else; a
 * folder that is not empty and has no manifest is not the demo's, and is refused. No file is
 * ever overwritten: a name that exists already (a user's file) fails the write.
 */
final class DemoOutput {
    static final String MANIFEST = ".framelift-demo";

    private final Path dir;
    private final Path manifest;

    DemoOutput(Path dir) throws IOException {
        this.dir = dir;
        this.manifest = dir.resolve(MANIFEST);
        clearPrevious();
        Files.createDirectories(dir.resolve("before"));
        Files.createDirectories(dir.resolve("compare"));
        Files.write(manifest, new byte[0]);
    }

    void write(int index, EnhancedFrame frame, byte[] inputPng) throws IOException {
        final String name = String.format("%04d-%s-%s.png", index, safe(frame.getStreamId()), safe(frame.getTask()));
        final byte[] enhanced = Payloads.bytes(frame.getPayload());
        create(name, enhanced);
        create("before/" + name, inputPng);
        final BufferedImage after = ImageIO.read(new ByteArrayInputStream(enhanced));
        final BufferedImage before = ImageIO.read(new ByteArrayInputStream(inputPng));
        if (after != null && before != null) {
            final ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(sideBySide(before, after, frame), "png", png);
            create("compare/" + name, png.toByteArray());
        }
    }

    /**
     * Lists {@code relative} in the manifest, then creates it; never replaces an existing file. A
     * crash in between leaves a listed name without a file, which is harmless; a name that turns
     * out to be taken is removed from the list again, so that no later run deletes that file.
     */
    private void create(String relative, byte[] bytes) throws IOException {
        Files.writeString(manifest, relative + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try {
            Files.write(dir.resolve(relative), bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException taken) {
            final List<String> listed = new ArrayList<>(Files.readAllLines(manifest, StandardCharsets.UTF_8));
            listed.remove(listed.size() - 1);
            Files.write(manifest, listed, StandardCharsets.UTF_8);
            throw taken;
        }
    }

    /** A stream id or task as part of a file name: no separators, no way out of the folder. */
    private static String safe(String part) {
        final String cleaned = part.replaceAll("[^A-Za-z0-9._@-]", "_");
        return cleaned.isEmpty() || cleaned.startsWith(".") ? "_" + cleaned : cleaned;
    }

    private static BufferedImage sideBySide(BufferedImage before, BufferedImage after, EnhancedFrame frame) {
        final int w = after.getWidth();
        final int h = after.getHeight();
        final int label = 22;
        final BufferedImage sheet = new BufferedImage(2 * w, h + label, BufferedImage.TYPE_3BYTE_BGR);
        final Graphics2D g = sheet.createGraphics();
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

    /** Removes what the manifest of a previous demo lists; refuses a non-empty folder without one. */
    private void clearPrevious() throws IOException {
        if (!Files.isDirectory(dir)) {
            if (Files.exists(dir)) {
                throw new IllegalArgumentException("--out " + dir + " is a file, not a folder");
            }
            return;
        }
        if (!Files.exists(manifest)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("--out " + dir + " is not empty and was not written by the demo "
                            + "(it has no " + MANIFEST + "); choose a new or empty folder");
                }
            }
            return;
        }
        final Path root = dir.toAbsolutePath().normalize();
        for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
            final Path file = root.resolve(line.strip()).normalize();
            if (!line.isBlank() && file.startsWith(root) && !file.equals(root) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(file);
            }
        }
    }
}
