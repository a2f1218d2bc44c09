package dev.framelift.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A small graph model written the way the TensorFlow.js converter writes one (fused ops, float16
 * and uint8-quantized weights, a folded resize size, a list input) must compute what the same
 * network built from TensorFlow's own ops computes, at its declared size and at another.
 */
class TfjsGraphTest {
    @TempDir
    Path dir;

    // conv 1x1, 2 -> 3 channels; float16 stores these exactly
    private static final float[] KERNEL = {0.5f, -1f, 0.25f, 2f, 0.75f, -0.5f};
    // uint8 codes with min -1, scale 0.5
    private static final int[] BIAS_CODES = {0, 2, 4};
    private static final float[] BIAS = {-1f, 0f, 1f};
    private static final float[] DEPTHWISE = new float[3 * 3 * 3];
    private static final float[] DEPTHWISE_BIAS = {0.1f, -0.2f, 0.3f};

    static {
        for (int i = 0; i < DEPTHWISE.length; i++) {
            DEPTHWISE[i] = (i % 7 - 3) * 0.125f;
        }
    }

    @Test
    void rebuildsTheConvertersGraphAsTensorFlowOps() throws IOException {
        final TfjsGraph model = TfjsGraph.read(writeModel());
        for (final long[] shape : List.of(new long[] {1, 4, 4, 2}, new long[] {2, 3, 5, 2})) {
            final float[] input = input(shape);
            final float[] ours = run(shape, input, (tf, in) -> model.apply(tf.withSubScope("m"), Map.of("images", in), "cat"));
            final float[] reference = run(shape, input, TfjsGraphTest::reference);
            assertThat(ours).hasSameSizeAs(reference);
            for (int i = 0; i < ours.length; i++) {
                assertThat(ours[i]).as("element %d at %s", i, Shape.of(shape)).isCloseTo(reference[i], within(1e-5f));
            }
        }
    }

    @Test
    void namesAMissingPlaceholderInput() throws IOException {
        final TfjsGraph model = TfjsGraph.read(writeModel());
        try (Graph g = new Graph()) {
            assertThatThrownBy(() -> model.apply(Ops.create(g), Map.of(), "cat"))
                    .hasMessageContaining("placeholder images");
        }
    }

    @Test
    void refusesALayersModel() throws IOException {
        final Path json = dir.resolve("layers.json");
        Files.writeString(json, "{\"format\": \"layers-model\"}");
        assertThatThrownBy(() -> TfjsGraph.read(json)).hasMessageContaining("not a TensorFlow.js graph model");
    }

    /** The same network from TensorFlow's ops: conv + bias + ReLU, depthwise + bias, 2x bilinear, concat with itself. */
    private static Operand<TFloat32> reference(Ops tf, Operand<TFloat32> in) {
        Operand<TFloat32> y = tf.nn.conv2d(in, tf.constant(Shape.of(1, 1, 2, 3), DataBuffers.of(KERNEL)),
                List.of(1L, 1L, 1L, 1L), "SAME");
        y = tf.nn.relu(tf.nn.biasAdd(y, tf.constant(BIAS)));
        y = tf.nn.depthwiseConv2dNative(y, tf.constant(Shape.of(3, 3, 3, 1), DataBuffers.of(DEPTHWISE)),
                List.of(1L, 1L, 1L, 1L), "SAME");
        y = tf.nn.biasAdd(y, tf.constant(DEPTHWISE_BIAS));
        final Operand<TFloat32> hw = tf.dtypes.cast(
                tf.math.mul(tf.stridedSlice(tf.shape(y), org.tensorflow.ndarray.index.Indices.slice(1, 3)), tf.constant(2)),
                TFloat32.class);
        final Operand<TFloat32> up = tf.image.resizeBilinear(y, tf.dtypes.cast(hw, org.tensorflow.types.TInt32.class));
        return tf.concat(List.of(up, up), tf.constant(3));
    }

    private interface Net {
        Operand<TFloat32> build(Ops tf, Operand<TFloat32> in);
    }

    private static float[] run(long[] shape, float[] input, Net net) {
        try (Graph g = new Graph(); Session s = new Session(g)) {
            final Ops tf = Ops.create(g);
            final Operand<TFloat32> out = net.build(tf, tf.constant(Shape.of(shape), DataBuffers.of(input)));
            try (TFloat32 t = (TFloat32) s.runner().fetch(out).run().get(0)) {
                final float[] values = new float[(int) t.shape().size()];
                t.asRawTensor().data().asFloats().read(values);
                return values;
            }
        }
    }

    private static float[] input(long[] shape) {
        final float[] v = new float[(int) Shape.of(shape).size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.sin(0.7 * i);
        }
        return v;
    }

    /** model.json and one shard, in the converter's layout: weights in manifest order, little-endian. */
    private Path writeModel() throws IOException {
        final ByteBuffer bin = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
        for (final float k : KERNEL) {
            bin.putShort(half(k));
        }
        for (final int code : BIAS_CODES) {
            bin.put((byte) code);
        }
        for (final float d : DEPTHWISE) {
            bin.putFloat(d);
        }
        for (final float d : DEPTHWISE_BIAS) {
            bin.putFloat(d);
        }
        bin.putInt(8).putInt(8); // the resize size folded for the declared 4 x 4 input
        bin.putInt(3); // concat axis
        Files.write(dir.resolve("model.bin"), java.util.Arrays.copyOf(bin.array(), bin.position()));
        final String json = """
                {"format": "graph-model", "generatedBy": "test",
                 "modelTopology": {"node": [
                  {"name": "images", "op": "Placeholder", "attr": {"dtype": {"type": "DT_FLOAT"}}},
                  {"name": "w", "op": "Const"}, {"name": "b", "op": "Const"},
                  {"name": "dw", "op": "Const"}, {"name": "db", "op": "Const"},
                  {"name": "size", "op": "Const"}, {"name": "axis", "op": "Const"},
                  {"name": "conv", "op": "_FusedConv2D", "input": ["images", "w", "b"], "attr": {
                    "T": {"type": "DT_FLOAT"}, "num_args": {"i": "1"}, "strides": {"list": {"i": ["1", "1", "1", "1"]}},
                    "padding": {"s": "U0FNRQ=="}, "data_format": {"s": "TkhXQw=="}, "explicit_paddings": {"list": {}},
                    "fused_ops": {"list": {"s": ["Qmlhc0FkZA==", "UmVsdQ=="]}}}},
                  {"name": "dconv", "op": "FusedDepthwiseConv2dNative", "input": ["conv", "dw", "db"], "attr": {
                    "T": {"type": "DT_FLOAT"}, "strides": {"list": {"i": ["1", "1", "1", "1"]}},
                    "padding": {"s": "U0FNRQ=="}, "data_format": {"s": "TkhXQw=="},
                    "dilations": {"list": {"i": ["1", "1", "1", "1"]}}, "fused_ops": {"list": {"s": ["Qmlhc0FkZA=="]}}}},
                  {"name": "up", "op": "ResizeBilinear", "input": ["dconv", "size"], "attr": {
                    "T": {"type": "DT_FLOAT"}, "align_corners": {"b": false}, "half_pixel_centers": {"b": false}}},
                  {"name": "cat", "op": "ConcatV2", "input": ["up", "up", "axis"], "attr": {
                    "T": {"type": "DT_FLOAT"}, "N": {"i": "2"}, "Tidx": {"type": "DT_INT32"}}}
                 ]},
                 "weightsManifest": [{"paths": ["model.bin"], "weights": [
                  {"name": "w", "shape": [1, 1, 2, 3], "dtype": "float32", "quantization": {"dtype": "float16"}},
                  {"name": "b", "shape": [3], "dtype": "float32", "quantization": {"dtype": "uint8", "min": -1, "scale": 0.5}},
                  {"name": "dw", "shape": [3, 3, 3, 1], "dtype": "float32"},
                  {"name": "db", "shape": [3], "dtype": "float32"},
                  {"name": "size", "shape": [2], "dtype": "int32"},
                  {"name": "axis", "shape": [], "dtype": "int32"}
                 ]}]}
                """;
        final Path path = dir.resolve("model.json");
        Files.writeString(path, json);
        return path;
    }

    /** float32 to IEEE half for values that half holds exactly (normal range, 10-bit mantissa). */
    private static short half(float f) {
        final int bits = Float.floatToIntBits(f);
        final int sign = (bits >>> 16) & 0x8000;
        final int exp = ((bits >>> 23) & 0xff) - 127 + 15;
        return (short) (sign | (exp << 10) | ((bits >>> 13) & 0x3ff));
    }
}
