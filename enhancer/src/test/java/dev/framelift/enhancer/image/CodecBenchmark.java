package dev.framelift.enhancer.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import javax.imageio.ImageIO;

import dev.framelift.enhancer.reject.FrameRejectedException;
import dev.framelift.model.Image;
import dev.framelift.model.testing.TestImages;
import dev.framelift.schema.Encoding;

/**
 * Measures decode and encode times of the codec at 640x360 and 1280x720 (not a test: run its
 * {@code main} by hand, optionally with a photo to use instead of a synthetic frame).
 */
public final class CodecBenchmark {
    private CodecBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BufferedImage source = args.length > 0 ? ImageIO.read(Path.of(args[0]).toFile()) : null;
        ImageCodec codec = new ImageCodec(ImageLimits.defaults());
        for (int[] size : List.of(new int[] {640, 360}, new int[] {1280, 720})) {
            Image image = source != null ? scaled(source, size[0], size[1])
                    : TestImages.gradient(size[0], size[1], 3, 1);
            byte[] png = codec.encode(image, Encoding.PNG);
            byte[] jpeg = codec.encode(image, Encoding.JPEG);
            byte[] imageioPng = imageIoPng(image);
            System.out.printf("%dx%d: png %d KB (ImageIO png %d KB), jpeg %d KB%n", size[0], size[1],
                    png.length / 1024, imageioPng.length / 1024, jpeg.length / 1024);
            time("  encode PNG", () -> codec.encode(image, Encoding.PNG));
            time("  encode PNG (ImageIO, default)", () -> imageIoPng(image));
            time("  encode JPEG q0.92", () -> codec.encode(image, Encoding.JPEG));
            time("  decode PNG", () -> decode(codec, Encoding.PNG, png));
            time("  decode JPEG", () -> decode(codec, Encoding.JPEG, jpeg));
            time("  toChannels 3->1", () -> ImageCodec.toChannels(image, 1));
        }
    }

    private static Image decode(ImageCodec codec, Encoding encoding, byte[] payload) {
        try {
            return codec.decode(encoding, payload, 0, 0);
        } catch (FrameRejectedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] imageIoPng(Image image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.setUseCache(false);
            ImageIO.write(ImageCodec.wrap(image), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void time(String label, Supplier<?> work) {
        for (int i = 0; i < 100; i++) {
            work.get();
        }
        int n = 60;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            work.get();
        }
        // CPU time of this thread: honest on a shared machine where wall time is inflated
        System.out.printf("%-34s %7.2f ms cpu  %7.2f ms wall%n", label,
                (threads.getCurrentThreadCpuTime() - cpu0) / 1e6 / n, (System.nanoTime() - t0) / 1e6 / n);
    }

    private static Image scaled(BufferedImage source, int w, int h) throws FrameRejectedException, IOException {
        BufferedImage target = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = target.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, 0, 0, w, h, null);
        g.dispose();
        Path tmp = Files.createTempFile("bench", ".png");
        try {
            ImageIO.write(target, "png", tmp.toFile());
            return new ImageCodec(ImageLimits.defaults()).decode(Encoding.PNG, Files.readAllBytes(tmp), 0, 0);
        } finally {
            Files.delete(tmp);
        }
    }
}
