package dev.framelift.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.types.TFloat32;

class PhaseKernelsTest {
    private static float[] runBoth(int scale, float[] pixels, int w, int h) {
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Operand<TFloat32> x = tf.constant(Shape.of(1, h, w, 1), DataBuffers.of(pixels));
            Operand<TFloat32> byKernel = tf.nn.depthToSpace(PhaseKernels.phases(tf, x, PhaseKernels.bilinear(scale)), (long) scale);
            Operand<TFloat32> byOp = tf.image.resizeBilinear(x, tf.constant(new int[] {h * scale, w * scale}),
                    ResizeBilinear.halfPixelCenters(true));
            try (var r = s.runner().fetch(tf.math.sub(byKernel, byOp)).run()) {
                float[] diff = new float[h * scale * w * scale];
                ((TFloat32) r.get(0)).asRawTensor().data().asFloats().read(diff);
                return diff;
            }
        }
    }

    @Test
    void shouldMatchTensorFlowsBilinearResizeEdgesIncluded() {
        int w = 9;
        int h = 7;
        float[] pixels = new float[w * h];
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat();
        }
        for (int scale : new int[] {2, 4}) {
            for (float d : runBoth(scale, pixels, w, h)) {
                assertThat(d).isCloseTo(0f, within(1e-5f));
            }
        }
    }

    @Test
    void shouldKeepFlatAreasAndRampsWithBicubicWeights() {
        for (int scale : new int[] {2, 4}) {
            float[][][][] k = PhaseKernels.bicubic(scale);
            for (int phase = 0; phase < scale * scale; phase++) {
                double sum = 0;
                double ramp = 0;
                for (int oy = 0; oy < k.length; oy++) {
                    for (int ox = 0; ox < k.length; ox++) {
                        sum += k[oy][ox][0][phase];
                        ramp += k[oy][ox][0][phase] * (ox - PhaseKernels.PAD);
                    }
                }
                int px = phase % scale;
                assertThat(sum).isCloseTo(1, within(1e-6));
                // a ramp f(x) = x is sampled where the phase looks: (px + 0.5) / scale - 0.5
                assertThat(ramp).isCloseTo((px + 0.5) / scale - 0.5, within(1e-6));
            }
        }
    }

    @Test
    void shouldFuseRgbBilinearAndLumaToBicubicIntoOneKernel() {
        int w = 8;
        int h = 6;
        float[] pixels = new float[w * h * 3];
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat();
        }
        for (int scale : new int[] {2, 4}) {
            try (Graph g = new Graph(); Session s = new Session(g)) {
                Ops tf = Ops.create(g);
                Operand<TFloat32> rgb = tf.constant(Shape.of(1, h, w, 3), DataBuffers.of(pixels));
                float[][][][] toBicubic = PhaseKernels.minus(PhaseKernels.bicubic(scale), PhaseKernels.bilinear(scale));
                Operand<TFloat32> fused = tf.nn.depthToSpace(PhaseKernels.phases(tf, rgb,
                        PhaseKernels.rgb(PhaseKernels.bilinear(scale), toBicubic, ColorSpace.lumaWeights())), (long) scale);
                Operand<TFloat32> apart = tf.math.add(
                        tf.image.resizeBilinear(rgb, tf.constant(new int[] {h * scale, w * scale}),
                                ResizeBilinear.halfPixelCenters(true)),
                        tf.nn.depthToSpace(PhaseKernels.phases(tf, ColorSpace.luma(tf, rgb), toBicubic), (long) scale));
                try (var r = s.runner().fetch(tf.math.sub(fused, apart)).run()) {
                    float[] diff = new float[h * scale * w * scale * 3];
                    ((TFloat32) r.get(0)).asRawTensor().data().asFloats().read(diff);
                    for (float d : diff) {
                        assertThat(d).isCloseTo(0f, within(1e-5f));
                    }
                }
            }
        }
    }
}
