package dev.framelift.trainer.model;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TUint8;

import dev.framelift.model.ModelContract;

/**
 * Colorizer that predicts, for every pixel, a probability distribution over {@value #BINS}
 * chroma bins (a 13 x 13 grid over centred Cb, Cr in [-0.4, 0.4]) and outputs its mean, instead
 * of regressing one chroma value.
 *
 * <p>Why: trained with cross-entropy against the true chroma, the distribution says how sure the
 * network is. Its mean is the estimate that minimises the expected squared error, so where the
 * network cannot tell an orange from a blue ball it averages towards gray instead of painting
 * either loudly. Saturation is then calibrated with one number, the softmax temperature
 * ({@value #TEMPERATURE_NAME}, 1 in training): below 1 the mean moves towards the most likely
 * colour, more where the network is confident (an annealed mean). Both the temperature and a
 * plain chroma gain are graph variables that training leaves alone; calibration sets them.
 *
 * <p>Network: a four-level U-Net on luma (widths 16/32/64/128, a 192-wide bottleneck at 1/16
 * resolution, so it sees about 200 px of context), decoding to 1/2 resolution, where a 1 x 1
 * convolution gives the bin logits; the mean chroma is upsampled bilinearly to full size and
 * combined with the input luma, so the output's luma equals the input's. The input is
 * mirror-padded to a multiple of {@value #MULTIPLE} inside the graph and cropped back, so any
 * H x W of at least 4 px works.
 *
 * <p>Working side: a frame whose long side exceeds {@value #WORK_SIDE} px is coloured at that
 * side (its luma area-averaged down, the chroma upsampled back), so the network's 200 px of
 * context cover the same share of a scene at any frame size, and its colours do not change with
 * the resolution. On the calibration photos at evaluation size (long side up to 1024), the
 * colour this network reaches at +0.2 dB over gray was 45.9% of the truth's run at full size,
 * 50.2% at 640, 51.0% at 512, 51.4% at 448, 51.5% at 384 and 320, and 50.1% at 256. Training crops are
 * at most this size, so training never resizes.
 *
 * <p>Mirror average: the graph that ships ({@link #inference}, exported, validated and
 * calibrated) colours the working copy and its mirror image as one batch and averages the two
 * mean chromas, mirrored back, before the gain. The network makes somewhat different guesses in
 * the two views; their mean is closer to the truth, the gain calibrated on it makes up the colour
 * it loses, and a mirrored frame gets mirrored colours. For twice the network's work, on the
 * calibration photos at up to 1024 px the colour at +0.2 dB over gray rose from 63.3% to 64.8%
 * of the truth's (mean over photos) and from 66.3% to 67.7% (mean over sources). Training runs
 * the single view ({@link #build}). Colouring at several working sides as well gained nothing more.
 *
 * <p>Deep variant ({@link #deep()}, {@value #DEEP_ARCHITECTURE}): the same U-Net with three
 * residual blocks where it reasons about what a region is, two at the bottleneck (1/16
 * resolution, 192 wide) and one after the first decoder layer (1/8, 128 wide). It doubles the
 * parameters for about a quarter more FLOPs. Each block's last convolution starts at zero,
 * so the variant {@linkplain #grownFrom() grows from} a trained {@value #ARCHITECTURE} model:
 * started from its weights it computes exactly what that model computes, and training teaches
 * only what the added layers can add. Grown from the shipped colorizer it gained colour on the
 * calibration sources and not on the test sources, so it does not ship.
 *
 * <p>Semantic variant ({@link #semantic}, {@value #SEMANTIC_ARCHITECTURE}): the plain U-Net plus
 * a frozen pretrained object detector's features at the bottleneck, grown from a plain model the
 * same way. A hue the photos cannot teach (what colour a lime is) may be one the detector's
 * training taught it to tell apart; grown from the plain colorizer it gained on the calibration
 * and the test sources alike, and it is the shipped colorizer.
 *
 * <p>Fine semantic variant ({@link #semanticFine}, {@value #SEMANTIC_FINE_ARCHITECTURE}): the
 * semantic one whose decoder also reads the detector's features at their own 1/4 resolution,
 * grown from a semantic model. Grown from the shipped colorizer it gained on the calibration
 * sources and lost on the test sources, so it does not ship.
 */
public final class ChromaBinsGenerator extends Colorizer {
    public static final String ARCHITECTURE = "unet4-chroma-bins";
    public static final String DEEP_ARCHITECTURE = "unet4-chroma-bins-deep";
    public static final String SEMANTIC_ARCHITECTURE = "unet4-chroma-bins-semantic";
    public static final String SEMANTIC_FINE_ARCHITECTURE = "unet4-chroma-bins-semantic-fine";
    /** The pretrained encoder's input placeholder and the feature map the semantic variant reads. */
    static final String ENCODER_INPUT = "tower_0/images";
    static final String ENCODER_FEATURES = "tower_0/CenternetHead/mul";
    /** The sub-scope the encoder's ops are built in, by which an export's copy is found ({@link ExportedEncoder}). */
    static final String ENCODER_SCOPE = "encoder";
    static final int ENCODER_CHANNELS = 128;
    /** The encoder's feature stride and the multiple its input sides must have. */
    static final int ENCODER_STRIDE = 4;
    static final int ENCODER_MULTIPLE = 32;
    /** Input sides are padded to a multiple of 2^levels. */
    public static final int MULTIPLE = 16;
    /** Bins per chroma axis and their spacing. */
    static final int GRID = 13;
    static final float RANGE = 0.4f;
    static final float STEP = 2 * RANGE / (GRID - 1);
    public static final int BINS = GRID * GRID;
    public static final String CALIBRATION_LAYER = "chroma";
    public static final String TEMPERATURE_NAME = "temperature";
    public static final String GAIN_NAME = "gain";
    /** Long side, in px, that frames larger than it are coloured at; see the class comment. */
    public static final int WORK_SIDE = ModelContract.COLORIZE_WORK_SIDE;

    /** What the deep variant's residual branches are multiplied by; see {@link #residual}. */
    static final float RESIDUAL_SCALE = 0.1f;

    private final boolean deep;
    /** The semantic variants' encoder, read on first build; null for the others. */
    private final Supplier<Encoder> encoder;
    /** Whether the encoder's features also enter the decoder at 1/4 resolution. */
    private final boolean fine;

    /** The plain U-Net, {@value #ARCHITECTURE}. */
    public ChromaBinsGenerator() {
        this(false, null, false);
    }

    private ChromaBinsGenerator(boolean deep, Supplier<Encoder> encoder, boolean fine) {
        this.deep = deep;
        this.encoder = encoder;
        this.fine = fine;
    }

    /**
     * The variant that also reads a pretrained object detector's features,
     * {@value #SEMANTIC_ARCHITECTURE}: they enter the bottleneck through two 1 x 1 convolutions,
     * the second starting at zero, so it grows from a trained {@value #ARCHITECTURE} model. The
     * detector stays frozen; its weights become constants of the graph. {@code encoder} is asked
     * once, at the first build, so naming the architecture needs no file.
     */
    public static ChromaBinsGenerator semantic(Supplier<Encoder> encoder) {
        return new ChromaBinsGenerator(false, once(encoder), false);
    }

    /**
     * The semantic variant whose decoder also reads the encoder's features at their own 1/4
     * resolution, {@value #SEMANTIC_FINE_ARCHITECTURE}: where the bottleneck learns what a region
     * is, 16 px to a cell, the decoder learns where it ends. They enter after the 1/4 decoder
     * layer through two 1 x 1 convolutions, the second starting at zero, so it grows from a
     * trained {@value #SEMANTIC_ARCHITECTURE} model.
     */
    public static ChromaBinsGenerator semanticFine(Supplier<Encoder> encoder) {
        return new ChromaBinsGenerator(false, once(encoder), true);
    }

    private static Supplier<Encoder> once(Supplier<Encoder> encoder) {
        final Encoder[] read = new Encoder[1];
        return () -> {
            if (read[0] == null) {
                read[0] = encoder.get();
            }
            return read[0];
        };
    }

    /** The variant with residual blocks at the low resolutions, {@value #DEEP_ARCHITECTURE}; see the class comment. */
    public static ChromaBinsGenerator deep() {
        return new ChromaBinsGenerator(true, null, false);
    }

    @Override
    public String architecture() {
        return deep ? DEEP_ARCHITECTURE : fine ? SEMANTIC_FINE_ARCHITECTURE : encoder != null ? SEMANTIC_ARCHITECTURE
                : ARCHITECTURE;
    }

    @Override
    public Optional<String> grownFrom() {
        return fine ? Optional.of(SEMANTIC_ARCHITECTURE) : deep || encoder != null ? Optional.of(ARCHITECTURE) : Optional.empty();
    }

    /**
     * First the softmax temperature, from 1 (the plain mean) down to 0.5 in steps of 0.1; then
     * the chroma gain on that mean, from 1 to 3 in steps of 0.05 (near the fidelity bar a step of
     * 0.1 moves the colour by about 5 points of the truth's, so the coarser grid left colour
     * unused). The gain is confidence-weighted by construction: the mean of an uncertain pixel is
     * near gray and stays near gray.
     */
    @Override
    public java.util.Map<String, double[]> calibration() {
        final java.util.Map<String, double[]> sweeps = new java.util.LinkedHashMap<>();
        sweeps.put(CALIBRATION_LAYER + "/" + TEMPERATURE_NAME, new double[] {1, 0.9, 0.8, 0.7, 0.6, 0.5});
        final double[] gains = new double[41];
        for (int i = 0; i < gains.length; i++) {
            gains[i] = 1 + 0.05 * i;
        }
        sweeps.put(CALIBRATION_LAYER + "/" + GAIN_NAME, gains);
        return sweeps;
    }

    @Override
    public Built build(Operand<TUint8> images, Weights w) {
        return build(images, w, false);
    }

    /** The {@link #build} graph with its chroma averaged over the frame and its mirror image; see the class comment. */
    @Override
    public Operand<TUint8> inference(Operand<TUint8> images, Weights w) {
        return build(images, w, true).enhanced();
    }

    private Built build(Operand<TUint8> images, Weights w, boolean mirrorAverage) {
        final Ops tf = w.ops();
        final Operand<TFloat32> y = ColorSpace.toFloat(tf, images);
        final Operand<TInt32> hw = tf.stridedSlice(tf.shape(images), Indices.slice(1, 3));
        final Operand<TInt32> workHw = workingSize(tf, hw);
        final Operand<TFloat32> work = tf.image.resizeArea(y, workHw);
        final Operand<TFloat32> x = Padding.mirrorToMultiple(tf, tf.math.sub(work, tf.constant(0.5f)), workHw, MULTIPLE);
        // both views run as one batch of 2N; the padding lands on the left of the mirrored view
        // and back on the right once its answer is mirrored again
        final Operand<TFloat32> views = mirrorAverage ? tf.concat(List.of(x, mirror(tf, x)), tf.constant(0)) : x;
        final Operand<TFloat32> logits = logits(tf, w, views, deep, encoder == null ? null : encoder.get(), fine);

        final Operand<TFloat32> temperature = w.fixed(CALIBRATION_LAYER, TEMPERATURE_NAME, 1f);
        final Operand<TFloat32> p = tf.nn.softmax(tf.math.div(logits, temperature));
        Operand<TFloat32> half = tf.nn.conv2d(p, tf.constant(Shape.of(1, 1, BINS, 2), DataBuffers.of(centres())),
                List.of(1L, 1L, 1L, 1L), "VALID");
        if (mirrorAverage) {
            final List<Output<TFloat32>> both = tf.split(tf.constant(0), half, 2L).output();
            half = tf.math.mul(tf.math.add(both.get(0), mirror(tf, both.get(1))), tf.constant(0.5f));
        }
        final Operand<TInt32> padded = tf.stridedSlice(tf.shape(x), Indices.slice(1, 3));
        final Operand<TFloat32> workChroma = tf.slice(tf.image.resizeBilinear(half, padded, ResizeBilinear.halfPixelCenters(true)),
                tf.constant(new int[] {0, 0, 0, 0}), batchSize(tf, workHw));
        final Operand<TFloat32> full = tf.image.resizeBilinear(workChroma, hw, ResizeBilinear.halfPixelCenters(true));
        final Operand<TFloat32> cbcr = tf.math.mul(full, w.fixed(CALIBRATION_LAYER, GAIN_NAME, 1f));
        final Operand<TUint8> out = ColorSpace.toUint8(tf, ColorSpace.toRgb(tf, y, cbcr));
        return new Built(out, cbcr, condition(tf, y), logits);
    }

    /**
     * The U-Net on centred, padded luma {@code x}: bin logits at half its resolution. {@code tf}
     * is {@code w}'s scope, asked for once per build; {@code deep} adds the residual blocks,
     * {@code encoder} its features at the bottleneck, and {@code fine} them in the decoder too.
     */
    private static Operand<TFloat32> logits(Ops tf, Weights w, Operand<TFloat32> x, boolean deep, Encoder encoder,
            boolean fine) {
        Operand<TFloat32> e0 = Layers.convAct(w, "enc0a", x, 3, 1, 16, 1);
        e0 = Layers.convAct(w, "enc0b", e0, 3, 16, 16, 1);
        Operand<TFloat32> e1 = Layers.convAct(w, "enc1a", e0, 3, 16, 32, 2);
        e1 = Layers.convAct(w, "enc1b", e1, 3, 32, 32, 1);
        Operand<TFloat32> e2 = Layers.convAct(w, "enc2a", e1, 3, 32, 64, 2);
        e2 = Layers.convAct(w, "enc2b", e2, 3, 64, 64, 1);
        Operand<TFloat32> e3 = Layers.convAct(w, "enc3a", e2, 3, 64, 128, 2);
        e3 = Layers.convAct(w, "enc3b", e3, 3, 128, 128, 1);
        Operand<TFloat32> b = Layers.convAct(w, "mid_a", e3, 3, 128, 192, 2);
        final Operand<TFloat32> features = encoder == null ? null : semantics(tf, encoder, x);
        if (features != null) {
            final long pool = MULTIPLE / ENCODER_STRIDE;
            final Operand<TFloat32> pooled = tf.nn.avgPool(features, List.of(1L, pool, pool, 1L), List.of(1L, pool, pool, 1L),
                    "VALID");
            final Operand<TFloat32> f = Layers.convAct(w, "sem_a", pooled, 1, ENCODER_CHANNELS, 96, 1);
            b = tf.math.add(b, Layers.conv(w, "sem_b", f, 1, 96, 192, 1, 0));
        }
        b = Layers.convAct(w, "mid_b", b, 3, 192, 192, 1);
        b = Layers.convAct(w, "mid_c", b, 3, 192, 192, 1);
        if (deep) {
            b = residual(tf, w, "mid_r1", b, 192);
            b = residual(tf, w, "mid_r2", b, 192);
        }

        Operand<TFloat32> d3 = Layers.convAct(w, "dec3", up(tf, b, e3), 3, 192 + 128, 128, 1);
        if (deep) {
            d3 = residual(tf, w, "dec3_r1", d3, 128);
        }
        Operand<TFloat32> d2 = Layers.convAct(w, "dec2", up(tf, d3, e2), 3, 128 + 64, 64, 1);
        if (fine) {
            final Operand<TFloat32> f = Layers.convAct(w, "sem_c", features, 1, ENCODER_CHANNELS, 48, 1);
            d2 = tf.math.add(d2, Layers.conv(w, "sem_d", f, 1, 48, 64, 1, 0));
        }
        final Operand<TFloat32> d1 = Layers.convAct(w, "dec1", up(tf, d2, e1), 3, 64 + 32, 48, 1);
        return Layers.conv(w, "bins", d1, 1, 48, BINS, 1, 0.1);
    }

    /**
     * {@code x} plus {@value #RESIDUAL_SCALE} times two 3 x 3 convolutions of it; the second
     * starts at zero, so an untrained block passes {@code x} through unchanged. Why the scale: at
     * full strength the first run's added blocks blew the loss up to 1e11 after 1,300 steps at a
     * rate of 2e-4 (this network has no normalisation to hold them); EDSR scales its residual
     * blocks the same way for the same reason.
     */
    private static Operand<TFloat32> residual(Ops tf, Weights w, String layer, Operand<TFloat32> x, int channels) {
        final Operand<TFloat32> h = Layers.convAct(w, layer + "a", x, 3, channels, channels, 1);
        return tf.math.add(x, tf.math.mul(Layers.conv(w, layer + "b", h, 3, channels, channels, 1, 0),
                tf.constant(RESIDUAL_SCALE)));
    }

    /**
     * The frozen encoder's features of centred luma {@code x} (sides a multiple of
     * {@value #MULTIPLE}), at their own 1/{@value #ENCODER_STRIDE} resolution. The encoder sees
     * the luma as gray RGB in [0, 255], mirror-padded to a multiple of {@value #ENCODER_MULTIPLE}
     * (its upsampling path needs it); the features of the padding are cropped off.
     */
    private static Operand<TFloat32> semantics(Ops tf, Encoder encoder, Operand<TFloat32> x) {
        final Operand<TInt32> hw = tf.stridedSlice(tf.shape(x), Indices.slice(1, 3));
        final Operand<TFloat32> gray = tf.math.mul(tf.math.add(x, tf.constant(0.5f)), tf.constant(255f));
        final Operand<TFloat32> rgb = tf.concat(List.of(gray, gray, gray), tf.constant(3));
        final Operand<TFloat32> padded = Padding.mirrorToMultiple(tf, rgb, hw, ENCODER_MULTIPLE);
        final Operand<TFloat32> features = tf.stopGradient(encoder.features(tf.withSubScope(ENCODER_SCOPE), padded));
        return tf.slice(features, tf.constant(new int[] {0, 0, 0, 0}), batchSize(tf, tf.math.div(hw, tf.constant(ENCODER_STRIDE))));
    }

    /** {@code t} (NHWC) mirrored left to right. */
    private static Operand<TFloat32> mirror(Ops tf, Operand<TFloat32> t) {
        return tf.reverse(t, tf.constant(new int[] {2}));
    }

    /**
     * {@code hw} scaled so that its long side is at most {@value #WORK_SIDE} (unchanged when it
     * already is), each side rounded and at least 4 px.
     */
    static Operand<TInt32> workingSize(Ops tf, Operand<TInt32> hw) {
        final Operand<TFloat32> sides = tf.dtypes.cast(hw, TFloat32.class);
        final Operand<TFloat32> shrink = tf.math.minimum(tf.constant(1f),
                tf.math.div(tf.constant((float) WORK_SIDE), tf.max(sides, tf.constant(0))));
        final Operand<TInt32> scaled = tf.dtypes.cast(tf.math.round(tf.math.mul(sides, shrink)), TInt32.class);
        return tf.math.maximum(scaled, tf.math.minimum(hw, tf.constant(4)));
    }

    /** The slice size {@code [-1, h, w, -1]}: every image and channel, {@code hw} pixels. */
    private static Operand<TInt32> batchSize(Ops tf, Operand<TInt32> hw) {
        return tf.concat(List.of(tf.constant(new int[] {-1}), hw, tf.constant(new int[] {-1})), tf.constant(0));
    }

    /**
     * Cross-entropy of the bin logits against the true chroma, averaged 2 x 2 to the logits'
     * resolution and spread over the four nearest bins with bilinear weights (so a distribution
     * that matches the targets has exactly the true chroma as its mean). Needs even sides.
     */
    @Override
    public Operand<TFloat32> trainingLoss(Ops tf, Built built, Operand<TFloat32> target) {
        final Operand<TFloat32> half = tf.nn.avgPool(target, List.of(1L, 2L, 2L, 1L), List.of(1L, 2L, 2L, 1L), "VALID");
        final float[] axis = new float[GRID];
        for (int i = 0; i < GRID; i++) {
            axis[i] = -RANGE + i * STEP;
        }
        final Operand<TFloat32> clipped = tf.clipByValue(half, tf.constant(-RANGE), tf.constant(RANGE));
        final Operand<TFloat32> cb = tf.stridedSlice(clipped, Indices.all(), Indices.all(), Indices.all(), Indices.slice(0, 1));
        final Operand<TFloat32> cr = tf.stridedSlice(clipped, Indices.all(), Indices.all(), Indices.all(), Indices.slice(1, 2));
        final Operand<TFloat32> wb = tent(tf, cb, axis); // [N, h, w, GRID]
        final Operand<TFloat32> wr = tent(tf, cr, axis);
        // bin index = i_cb * GRID + i_cr: outer product of the two axes' weights
        final Operand<TFloat32> outer = tf.math.mul(tf.expandDims(wb, tf.constant(4)), tf.expandDims(wr, tf.constant(3)));
        final Operand<TFloat32> labels = tf.reshape(outer, tf.constant(new int[] {-1, BINS}));
        final Operand<TInt32> lhw = tf.stridedSlice(tf.shape(half), Indices.slice(1, 3));
        final Operand<TFloat32> logits = tf.slice(built.distribution(), tf.constant(new int[] {0, 0, 0, 0}), batchSize(tf, lhw));
        final var ce = tf.nn.softmaxCrossEntropyWithLogits(tf.reshape(logits, tf.constant(new int[] {-1, BINS})), labels);
        return tf.math.mean(ce.loss(), tf.constant(0));
    }

    /** max(0, 1 - |v - axis_i| / STEP) for every bin i along a new last axis. */
    private static Operand<TFloat32> tent(Ops tf, Operand<TFloat32> v, float[] axis) {
        final Operand<TFloat32> d = tf.math.abs(tf.math.sub(v, tf.constant(axis)));
        return tf.nn.relu(tf.math.sub(tf.constant(1f), tf.math.div(d, tf.constant(STEP))));
    }

    /** Kernel rows: the (Cb, Cr) centre of each bin, bin = i_cb * GRID + i_cr. */
    static float[] centres() {
        final float[] c = new float[BINS * 2];
        for (int i = 0; i < GRID; i++) {
            for (int j = 0; j < GRID; j++) {
                final int k = i * GRID + j;
                c[2 * k] = -RANGE + i * STEP;
                c[2 * k + 1] = -RANGE + j * STEP;
            }
        }
        return c;
    }
}
