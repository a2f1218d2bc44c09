package dev.framelift.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TUint8;

import dev.framelift.model.Image;
import dev.framelift.model.runtime.SelfEnsemble;
import dev.framelift.trainer.data.Resampler;
import dev.framelift.trainer.data.RgbImage;

class GeneratorGraphTest {
    /** Runs a freshly initialised generator on one input; returns output bytes and shape. */
    static Object[] runFresh(Generator gen, byte[] input, long[] shape) {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder<TUint8> images = tf.placeholder(TUint8.class);
            Operand<TUint8> out = gen.build(images, new Weights(tf, "generator", 3, true)).enhanced();
            try (Session s = new Session(g);
                    TUint8 in = TUint8.tensorOf(Shape.of(shape), DataBuffers.of(input))) {
                s.initialize();
                try (Result r = s.runner().feed(images, in).fetch(out).run()) {
                    var t = r.get(0);
                    byte[] bytes = new byte[(int) t.shape().size()];
                    t.asRawTensor().data().read(bytes);
                    return new Object[] {bytes, t.shape().asArray()};
                }
            }
        }
    }

    static byte[] smooth(int w, int h, int c) {
        byte[] b = new byte[w * h * c];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int k = 0; k < c; k++) {
                    b[(y * w + x) * c + k] = (byte) (128 + 90 * Math.sin(0.3 * x + k) * Math.cos(0.2 * y));
                }
            }
        }
        return b;
    }

    @Test
    void shouldUpscaleAnySizeAndStartCloseToBicubic() {
        for (int scale : new int[] {2, 4}) {
            for (String arch : new String[] {"fast", "realtime"}) {
                byte[] lr = smooth(13, 7, 3);
                Object[] r = runFresh(TrainingTask.parse("sr-x" + scale).generator(arch), lr, new long[] {1, 7, 13, 3});
                assertThat((long[]) r[1]).containsExactly(1, 7 * scale, 13 * scale, 3);
                byte[] bicubic = Resampler.resizeBicubic(lr, 13, 7, 3, 13 * scale, 7 * scale);
                double mad = 0;
                byte[] out = (byte[]) r[0];
                for (int i = 0; i < out.length; i++) {
                    mad += Math.abs((out[i] & 0xFF) - (bicubic[i] & 0xFF));
                }
                // the residual branch starts near zero: the untrained model is a bicubic upscaler
                assertThat(mad / out.length).as(arch + " x" + scale).isLessThan(8);
            }
        }
    }

    @Test
    void shouldColorizeOddSizesAndKeepTheInputLuma() {
        for (String arch : new String[] {"fast", "bins"}) {
            byte[] y = smooth(21, 13, 1);
            Object[] r = runFresh(TrainingTask.COLORIZE.generator(arch), y, new long[] {1, 13, 21, 1});
            assertThat((long[]) r[1]).containsExactly(1, 13, 21, 3);
            byte[] luma = new RgbImage(21, 13, (byte[]) r[0]).luma();
            for (int i = 0; i < luma.length; i++) {
                assertThat(Math.abs((luma[i] & 0xFF) - (y[i] & 0xFF))).isLessThanOrEqualTo(3);
            }
            Object[] tiny = runFresh(TrainingTask.COLORIZE.generator(arch), smooth(5, 4, 1), new long[] {1, 4, 5, 1});
            assertThat((long[]) tiny[1]).containsExactly(1, 4, 5, 3);
        }
    }

    @Test
    void shouldColourALargeFrameAsTheSameSceneAtTheWorkingSide() {
        int side = ChromaBinsGenerator.WORK_SIDE;
        byte[] large = scene(2 * side, side);
        byte[] small = Resampler.resizeBicubic(large, 2 * side, side, 1, side, side / 2);
        byte[] largeOut = Resampler.resizeBicubic(runBinsWithGain(large, 2 * side, side, 40f), 2 * side, side, 3, side, side / 2);
        byte[] smallOut = runBinsWithGain(small, side, side / 2, 40f);
        double colour = 0;
        double diff = 0;
        int n = side * side / 2;
        for (int i = 0; i < n; i++) {
            for (int c : new int[] {0, 2}) {
                int a = (largeOut[3 * i + c] & 0xFF) - (largeOut[3 * i + 1] & 0xFF);
                int b = (smallOut[3 * i + c] & 0xFF) - (smallOut[3 * i + 1] & 0xFF);
                colour += Math.abs(b);
                diff += Math.abs(a - b);
            }
        }
        // a network run at both sizes sees different scales and paints different colours
        assertThat(colour / n).as("the untrained network, amplified, paints colour").isGreaterThan(8);
        assertThat(diff / colour).isLessThan(0.1);
    }

    /** Luma of a scene of a few large soft shapes, {@code w x h}. */
    private static byte[] scene(int w, int h) {
        byte[] b = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double u = (double) x / w;
                double v = (double) y / h;
                b[y * w + x] = (byte) (128 + 60 * Math.sin(9 * u) * Math.cos(5 * v) + 40 * Math.signum(Math.sin(23 * u * v)));
            }
        }
        return b;
    }

    @Test
    void shouldShipTheMeanOfTheColoursOfAFrameAndItsMirrorImage() {
        // sides a multiple of 16: no padding, whose side would differ between the two views
        int w = 208;
        int h = 128;
        byte[] frame = scene(w, h);
        byte[] mirrored = mirror(frame, w, h, 1);
        byte[] once = runBinsWithGain(frame, w, h, 20f, false);
        byte[] mirroredOnce = mirror(runBinsWithGain(mirrored, w, h, 20f, false), w, h, 3);
        byte[] shipped = runBinsWithGain(frame, w, h, 20f, true);
        byte[] shippedOfMirror = mirror(runBinsWithGain(mirrored, w, h, 20f, true), w, h, 3);
        double views = 0;
        double offMean = 0;
        double asymmetry = 0;
        for (int i = 0; i < once.length; i++) {
            int a = once[i] & 0xFF;
            int b = mirroredOnce[i] & 0xFF;
            views += Math.abs(a - b);
            if (a == 0 || a == 255 || b == 0 || b == 255) {
                continue; // a clipped view's mean is not the clipped mean
            }
            offMean = Math.max(offMean, Math.abs((shipped[i] & 0xFF) - (a + b) / 2.0));
            asymmetry = Math.max(asymmetry, Math.abs((shipped[i] & 0xFF) - (shippedOfMirror[i] & 0xFF)));
        }
        assertThat(views / once.length).as("an untrained network colours a frame and its mirror image differently")
                .isGreaterThan(2);
        assertThat(offMean).as("the shipped graph gives the mean of the two views").isLessThanOrEqualTo(2);
        assertThat(asymmetry).as("so a mirrored frame gets the mirrored colours").isLessThanOrEqualTo(2);
    }

    /** {@code pixels} ({@code w x h x c}) mirrored left to right (the self-ensemble's view 1). */
    private static byte[] mirror(byte[] pixels, int w, int h, int c) {
        return SelfEnsemble.orient(new Image(w, h, c, pixels), 1).pixels();
    }

    private static byte[] runBinsWithGain(byte[] luma, int w, int h, float gain) {
        return runBinsWithGain(luma, w, h, gain, false);
    }

    /**
     * The untrained bins colorizer on one luma image, its chroma gain set to {@code gain}; RGB
     * out. {@code shipped} runs the exported graph ({@link Generator#inference}) instead of the
     * training graph.
     */
    private static byte[] runBinsWithGain(byte[] luma, int w, int h, float gain, boolean shipped) {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder<TUint8> images = tf.placeholder(TUint8.class);
            Weights weights = new Weights(tf, "generator", 3, true);
            ChromaBinsGenerator gen = new ChromaBinsGenerator();
            Operand<TUint8> out = shipped ? gen.inference(images, weights) : gen.build(images, weights).enhanced();
            var setGain = tf.assign(weights.fixedVariable(ChromaBinsGenerator.CALIBRATION_LAYER, ChromaBinsGenerator.GAIN_NAME),
                    tf.constant(gain));
            try (Session s = new Session(g);
                    TUint8 in = TUint8.tensorOf(Shape.of(1, h, w, 1), DataBuffers.of(luma))) {
                s.initialize();
                s.runner().addTarget(setGain).run().close();
                try (Result r = s.runner().feed(images, in).fetch(out).run()) {
                    byte[] bytes = new byte[w * h * 3];
                    r.get(0).asRawTensor().data().read(bytes);
                    return bytes;
                }
            }
        }
    }

    @Test
    void shouldFindTheGeneratorOfAModelCardsArchitecture() {
        for (TrainingTask task : TrainingTask.values()) {
            for (String arch : task.architectures()) {
                Generator g = task.generator(arch);
                Generator found = task.generator(task.archOf(g.architecture()));
                assertThat(found.architecture()).isEqualTo(g.architecture());
                assertThat(found.scale()).isEqualTo(g.scale());
            }
        }
    }

    @Test
    void shouldCountParametersOfTheDocumentedSizes() {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            long[] counts = new long[5];
            String[][] cases = {{"sr-x2", "fast"}, {"sr-x4", "fast"}, {"sr-x2", "quality"}, {"colorize", "fast"}, {"sr-x2", "realtime"}};
            for (int i = 0; i < cases.length; i++) {
                Generator gen = TrainingTask.parse(cases[i][0]).generator(cases[i][1]);
                Weights w = new Weights(tf, "g" + i, 1, false);
                gen.build(tf.placeholder(TUint8.class), w);
                counts[i] = w.parameterCount();
            }
            assertThat(counts[0]).isBetween(55_000L, 62_000L);
            assertThat(counts[1]).isBetween(60_000L, 66_000L);
            assertThat(counts[2]).isBetween(200_000L, 400_000L);
            assertThat(counts[3]).isBetween(500_000L, 1_000_000L);
            assertThat(counts[4]).isBetween(14_000L, 16_000L);
        }
    }

    @Test
    void shouldRefuseAnArchitectureATaskDoesNotHave() {
        assertThatThrownBy(() -> TrainingTask.COLORIZE.generator("realtime")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fast, quality, bins");
        assertThatThrownBy(() -> TrainingTask.SR_X2.generator("bins")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("realtime, fast, quality");
    }

    @Test
    void shouldInitialiseTwoStoresWithTheSameSeedIdentically() {
        byte[] lr = smooth(8, 8, 3);
        Object[] a = runFresh(TrainingTask.SR_X2.generator("fast"), lr, new long[] {1, 8, 8, 3});
        Object[] b = runFresh(TrainingTask.SR_X2.generator("fast"), lr, new long[] {1, 8, 8, 3});
        assertThat((byte[]) a[0]).isEqualTo((byte[]) b[0]);
    }
}
