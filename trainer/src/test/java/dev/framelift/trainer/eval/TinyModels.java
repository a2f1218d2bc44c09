package dev.framelift.trainer.eval;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Random;

import javax.imageio.ImageIO;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TUint8;

import dev.framelift.schema.ModelCard;
import dev.framelift.schema.ModelCardJson;

/** Real, tiny SavedModels that follow the model contract, and synthetic photos, for the tests. */
public final class TinyModels {
    private TinyModels() {
    }

    /**
     * An SR "model" that is a plain bilinear resize by {@code graphScale}, exported with a card
     * that claims {@code cardScale} (pass the same value for an honest model; none for no card).
     */
    public static Path bilinear(Path dir, String task, int graphScale, Integer cardScale) throws IOException {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder<TUint8> images = tf.withName("images").placeholder(TUint8.class, Placeholder.shape(Shape.of(-1, -1, -1, 3)));
            Operand<TInt32> hw = tf.stridedSlice(tf.shape(images), tf.constant(new int[] {1}), tf.constant(new int[] {3}),
                    tf.constant(new int[] {1}));
            Operand<TFloat32> up = tf.image.resizeBilinear(tf.dtypes.cast(images, TFloat32.class),
                    tf.math.mul(hw, tf.constant(graphScale)), ResizeBilinear.halfPixelCenters(true));
            Operand<TUint8> out = tf.withName("enhanced").dtypes.cast(
                    tf.clipByValue(tf.math.round(up), tf.constant(0f), tf.constant(255f)), TUint8.class);
            export(g, dir, images, out);
        }
        if (cardScale != null) {
            card(dir, task, cardScale, 3);
        }
        return dir;
    }

    /** A colorizer that tints the luma: R = Y + 12, G = Y, B = Y - 12 (clipped). */
    public static Path tint(Path dir) throws IOException {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder<TUint8> images = tf.withName("images").placeholder(TUint8.class, Placeholder.shape(Shape.of(-1, -1, -1, 1)));
            Operand<TFloat32> y = tf.dtypes.cast(images, TFloat32.class);
            Operand<TFloat32> rgb = tf.concat(java.util.List.of(tf.math.add(y, tf.constant(12f)), y,
                    tf.math.sub(y, tf.constant(12f))), tf.constant(3));
            Operand<TUint8> out = tf.withName("enhanced").dtypes.cast(
                    tf.clipByValue(rgb, tf.constant(0f), tf.constant(255f)), TUint8.class);
            export(g, dir, images, out);
        }
        card(dir, "colorize", 1, 1);
        return dir;
    }

    private static void export(Graph g, Path dir, Placeholder<TUint8> in, Operand<TUint8> out) throws IOException {
        try (Session s = new Session(g)) {
            SavedModelBundle.exporter(dir.toString()).withSession(s)
                    .withSignature(Signature.builder("serving_default").input("images", in).output("enhanced", out).build())
                    .export();
        }
    }

    public static void card(Path dir, String task, int scale, int channels) throws IOException {
        ModelCard card = ModelCard.newBuilder()
                .setTask(task).setVersion(task + "-test-1").setScale(scale).setInputChannels(channels)
                .setArchitecture("bilinear-test").setParameters(0).setCreatedTime(Instant.parse("2026-01-01T00:00:00Z"))
                .setMetrics(Map.of()).setBaselineMetrics(Map.of())
                .build();
        ModelCardJson.write(card, dir);
    }

    /** A photo-like PNG: smooth colour gradients, an edge and some texture; gray if asked. */
    public static Path photo(Path dir, String name, int w, int h, long seed, boolean gray) throws IOException {
        Random rnd = new Random(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        double fx = 0.05 + rnd.nextDouble() * 0.2;
        double fy = 0.05 + rnd.nextDouble() * 0.2;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double t = 0.5 + 0.5 * Math.sin(x * fx + Math.cos(y * fy) * 2);
                int r = clamp(40 + 180 * t + (x > w / 2 ? 30 : 0) + rnd.nextGaussian() * 6);
                int gr = clamp(200 - 120 * t * y / h + rnd.nextGaussian() * 6);
                int b = clamp(90 + 100 * Math.cos(y * fy) + rnd.nextGaussian() * 6);
                if (gray) {
                    int l = clamp(0.299 * r + 0.587 * gr + 0.114 * b);
                    r = l;
                    gr = l;
                    b = l;
                }
                img.setRGB(x, y, r << 16 | gr << 8 | b);
            }
        }
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
