package dev.framelift.trainer.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tensorflow.GraphOperationBuilder;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A TensorFlow.js graph model ({@code model.json} and its weight shards) rebuilt, op by op, in a
 * TensorFlow Java graph, so a network someone else trained can feed one of ours: its weights
 * become constants of our graph and ship inside the exported SavedModel.
 *
 * <p>Only the nodes an asked-for output needs are added, with the model's placeholder replaced by
 * an operand of ours. The two fused ops the converter invents are split back into TensorFlow's
 * own ({@code _FusedConv2D} and {@code FusedDepthwiseConv2dNative} with {@code BiasAdd} and an
 * optional {@code Relu}/{@code Relu6}); every other node keeps its op type and attributes.
 * Weights stored as float16 stay float16 constants widened by a cast in the graph (half the size
 * in an export); uint8/uint16 ones with a min and scale are dequantized to float32.
 *
 * <p>Immutable after {@link #read}; {@link #apply} may be called for several graphs.
 */
public final class TfjsGraph {
    private final Map<String, JsonNode> nodes;
    private final Map<String, Weight> weights;

    /**
     * One stored tensor with its shape: float32 values, int32 values, or float16 values kept as
     * their little-endian bytes (widened in the graph, so they stay half the size in an export).
     */
    private record Weight(long[] shape, float[] floats, int[] ints, byte[] halves) {
    }

    private TfjsGraph(Map<String, JsonNode> nodes, Map<String, Weight> weights) {
        this.nodes = nodes;
        this.weights = weights;
    }

    /** Reads {@code model.json} and the shards its manifest names, beside it. */
    public static TfjsGraph read(Path modelJson) throws IOException {
        final JsonNode root = new ObjectMapper().readTree(modelJson.toFile());
        if (!"graph-model".equals(root.path("format").asText())) {
            throw new IOException(modelJson + " is not a TensorFlow.js graph model (format "
                    + root.path("format").asText("missing") + ")");
        }
        final Map<String, JsonNode> nodes = new LinkedHashMap<>();
        root.path("modelTopology").path("node").forEach(n -> nodes.put(n.path("name").asText(), n));
        final Map<String, Weight> weights = new HashMap<>();
        for (final JsonNode group : root.path("weightsManifest")) {
            final ByteBuffer bytes = shards(modelJson.getParent(), group.path("paths"));
            for (final JsonNode w : group.path("weights")) {
                weights.put(w.path("name").asText(), readWeight(w, bytes));
            }
            if (bytes.hasRemaining()) {
                throw new IOException(bytes.remaining() + " bytes left over in the shards of " + modelJson);
            }
        }
        return new TfjsGraph(nodes, weights);
    }

    private static ByteBuffer shards(Path dir, JsonNode paths) throws IOException {
        final List<byte[]> parts = new ArrayList<>();
        int size = 0;
        for (final JsonNode p : paths) {
            final byte[] b = Files.readAllBytes(dir.resolve(p.asText()));
            parts.add(b);
            size += b.length;
        }
        final ByteBuffer all = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        parts.forEach(all::put);
        return all.flip();
    }

    private static Weight readWeight(JsonNode w, ByteBuffer bytes) throws IOException {
        final long[] shape = new long[w.path("shape").size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = w.path("shape").get(i).asLong();
            count *= shape[i];
        }
        final int n = Math.toIntExact(count);
        final String dtype = w.path("dtype").asText();
        final JsonNode q = w.path("quantization");
        final String stored = q.isMissingNode() ? dtype : q.path("dtype").asText();
        if ("int32".equals(dtype)) {
            if (!"int32".equals(stored)) {
                throw new IOException("weight " + w.path("name").asText() + ": int32 stored as " + stored);
            }
            final int[] v = new int[n];
            bytes.asIntBuffer().get(v);
            bytes.position(bytes.position() + 4 * n);
            return new Weight(shape, null, v, null);
        }
        if (!"float32".equals(dtype)) {
            throw new IOException("weight " + w.path("name").asText() + " has dtype " + dtype + "; float32 and int32 are read");
        }
        if ("float16".equals(stored)) {
            final byte[] halves = new byte[2 * n];
            bytes.get(halves);
            return new Weight(shape, null, null, halves);
        }
        final float[] v = new float[n];
        switch (stored) {
            case "float32" -> {
                bytes.asFloatBuffer().get(v);
                bytes.position(bytes.position() + 4 * n);
            }
            case "uint8", "uint16" -> {
                final float min = (float) q.path("min").asDouble();
                final float scale = (float) q.path("scale").asDouble();
                for (int i = 0; i < n; i++) {
                    final int code = "uint8".equals(stored) ? bytes.get() & 0xff : bytes.getShort() & 0xffff;
                    v[i] = min + scale * code;
                }
            }
            default -> throw new IOException("weight " + w.path("name").asText() + " is quantized as " + stored);
        }
        return new Weight(shape, v, null, null);
    }

    /** This model as an {@link Encoder}: {@code output} of it, fed at the placeholder {@code input}. */
    public Encoder encoder(String input, String output) {
        return (tf, rgb) -> apply(tf, Map.of(input, rgb), output);
    }

    /**
     * Adds to {@code tf}'s graph, under its scope, every node {@code output} needs, with each
     * placeholder named in {@code inputs} replaced by the given operand, and returns that output
     * (a node name, optionally {@code :index}).
     */
    public Operand<TFloat32> apply(Ops tf, Map<String, Operand<?>> inputs, String output) {
        final Map<String, Output<?>[]> built = new HashMap<>();
        inputs.forEach((name, op) -> built.put(name, new Output<?>[] {op.asOutput()}));
        return output(tf, built, output).expect(TFloat32.class);
    }

    private Output<?> output(Ops tf, Map<String, Output<?>[]> built, String ref) {
        final String clean = ref.startsWith("^") ? ref.substring(1) : ref;
        final int colon = clean.lastIndexOf(':');
        final String name = colon < 0 ? clean : clean.substring(0, colon);
        final int index = colon < 0 ? 0 : Integer.parseInt(clean.substring(colon + 1));
        // no computeIfAbsent: building a node builds its inputs, which adds to the same map
        Output<?>[] outs = built.get(name);
        if (outs == null) {
            outs = build(tf, built, name);
            built.put(name, outs);
        }
        return outs[index];
    }

    private Output<?>[] build(Ops tf, Map<String, Output<?>[]> built, String name) {
        final JsonNode node = nodes.get(name);
        if (node == null) {
            throw new IllegalArgumentException("the model has no node " + name);
        }
        final String op = node.path("op").asText();
        if ("Placeholder".equals(op)) {
            throw new IllegalArgumentException("placeholder " + name + " was not given an input");
        }
        final Ops named = tf.withName(safe(name));
        if ("Const".equals(op)) {
            return new Output<?>[] {constant(named, name).asOutput()};
        }
        final boolean foldedSize = "ResizeBilinear".equals(op) && isConstant(node.path("input").get(1).asText());
        final List<Output<?>> in = new ArrayList<>();
        for (final JsonNode i : node.path("input")) {
            if (!i.asText().startsWith("^") && !(foldedSize && in.size() == 1)) {
                in.add(output(tf, built, i.asText()));
            }
        }
        if (foldedSize) {
            in.add(doubled(tf.withSubScope(safe(name) + "_size"), in.get(0)));
        }
        if ("_FusedConv2D".equals(op) || "FusedDepthwiseConv2dNative".equals(op)) {
            return new Output<?>[] {fused(tf, node, in)};
        }
        final GraphOperationBuilder b = builder(tf, op, safe(name));
        addInputs(b, op, in);
        copyAttributes(b, node.path("attr"));
        final var operation = b.build();
        final Output<?>[] outs = new Output<?>[operation.numOutputs()];
        for (int i = 0; i < outs.length; i++) {
            outs[i] = operation.output(i);
        }
        return outs;
    }

    private boolean isConstant(String ref) {
        final JsonNode n = nodes.get(ref.split(":")[0]);
        return n != null && "Const".equals(n.path("op").asText());
    }

    /**
     * Twice the spatial size of NHWC {@code x}. Why: the converter folds a resize's size into a
     * constant computed for the model's declared input size; in the feature-pyramid upsampling of
     * the models this reader is used with, that constant is always twice the input's size, and
     * computing it from the input keeps the model usable at any size.
     */
    private static Output<?> doubled(Ops tf, Output<?> x) {
        final Operand<TInt32> hw = tf.stridedSlice(tf.shape(x), Indices.slice(1, 3));
        return tf.math.mul(hw, tf.constant(2)).asOutput();
    }

    /**
     * The node's inputs in its op's signature: the ops this reader knows to take a list get their
     * list as one argument (ConcatV2: all but the axis; Pack, AddN: all).
     */
    static void addInputs(GraphOperationBuilder b, String op, List<Output<?>> in) {
        switch (op) {
            case "ConcatV2" -> {
                b.addInputList(in.subList(0, in.size() - 1).toArray(new Output<?>[0]));
                b.addInput(in.get(in.size() - 1));
            }
            case "Pack", "AddN" -> b.addInputList(in.toArray(new Output<?>[0]));
            default -> in.forEach(b::addInput);
        }
    }

    /** Conv (plain or depthwise), then BiasAdd, then the activation the node names, as separate ops. */
    private Output<?> fused(Ops tf, JsonNode node, List<Output<?>> in) {
        final String name = safe(node.path("name").asText());
        final String type = "_FusedConv2D".equals(node.path("op").asText()) ? "Conv2D" : "DepthwiseConv2dNative";
        final GraphOperationBuilder conv = builder(tf, type, name + "_conv");
        conv.addInput(in.get(0)).addInput(in.get(1));
        final JsonNode attr = node.path("attr");
        for (final String key : List.of("T", "strides", "padding", "explicit_paddings", "data_format", "dilations")) {
            if (attr.has(key)) {
                copyAttribute(conv, key, attr.path(key));
            }
        }
        Operand<TFloat32> y = conv.build().<TFloat32>output(0);
        final List<String> ops = new ArrayList<>();
        attr.path("fused_ops").path("list").path("s").forEach(s -> ops.add(decode(s.asText())));
        int arg = 2;
        for (final String f : ops) {
            y = switch (f) {
                case "BiasAdd" -> tf.withName(name + "_bias").nn.biasAdd(y, in.get(arg++).expect(TFloat32.class));
                case "Relu" -> tf.withName(name).nn.relu(y);
                case "Relu6" -> tf.withName(name).nn.relu6(y);
                default -> throw new IllegalArgumentException(node.path("name").asText() + " fuses " + f
                        + "; BiasAdd, Relu and Relu6 are supported");
            };
        }
        return y.asOutput();
    }

    private static GraphOperationBuilder builder(Ops tf, String type, String name) {
        return (GraphOperationBuilder) tf.scope().withName(name).opBuilder(type, name);
    }

    private Operand<?> constant(Ops tf, String name) {
        final Weight w = weights.get(name);
        if (w == null) {
            throw new IllegalArgumentException("constant " + name + " has no stored value");
        }
        final Shape shape = Shape.of(w.shape());
        if (w.halves() != null) {
            // the model's byte order is little-endian, as a TFloat16 tensor's buffer is on the hosts TensorFlow runs on
            return tf.dtypes.cast(tf.withName(safe(name) + "_half").constant(TFloat16.class, shape,
                    DataBuffers.of(w.halves(), true, false)), TFloat32.class);
        }
        return w.floats() != null ? tf.constant(shape, DataBuffers.of(w.floats(), true, false))
                : tf.constant(shape, DataBuffers.of(w.ints(), true, false));
    }

    private static void copyAttributes(GraphOperationBuilder b, JsonNode attrs) {
        attrs.fields().forEachRemaining(e -> {
            if (!e.getKey().startsWith("_")) {
                copyAttribute(b, e.getKey(), e.getValue());
            }
        });
    }

    /** One attribute in protobuf's JSON form: type, s, i, f, b, shape, or a list of i, s, f, type. */
    private static void copyAttribute(GraphOperationBuilder b, String key, JsonNode v) {
        if (v.has("type")) {
            b.setAttr(key, DataType.valueOf(v.path("type").asText()));
        } else if (v.has("s")) {
            b.setAttr(key, decode(v.path("s").asText()));
        } else if (v.has("i")) {
            b.setAttr(key, v.path("i").asLong());
        } else if (v.has("f")) {
            b.setAttr(key, (float) v.path("f").asDouble());
        } else if (v.has("b")) {
            b.setAttr(key, v.path("b").asBoolean());
        } else if (v.has("shape")) {
            b.setAttr(key, shape(v.path("shape")));
        } else if (v.has("list")) {
            final JsonNode list = v.path("list");
            if (list.has("i")) {
                final long[] values = new long[list.path("i").size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = list.path("i").get(i).asLong();
                }
                b.setAttr(key, values);
            } else if (list.has("f")) {
                final float[] values = new float[list.path("f").size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) list.path("f").get(i).asDouble();
                }
                b.setAttr(key, values);
            } else if (list.has("s")) {
                final String[] values = new String[list.path("s").size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = decode(list.path("s").get(i).asText());
                }
                b.setAttr(key, values);
            } else if (list.has("type")) {
                final DataType[] values = new DataType[list.path("type").size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = DataType.valueOf(list.path("type").get(i).asText());
                }
                b.setAttr(key, values);
            }
            // an empty list is the op's default
        } else {
            throw new IllegalArgumentException("attribute " + key + " has a form this reader does not know: " + v);
        }
    }

    private static Shape shape(JsonNode s) {
        if (s.path("unknownRank").asBoolean(false)) {
            return Shape.unknown();
        }
        final long[] dims = new long[s.path("dim").size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = s.path("dim").get(i).path("size").asLong(-1);
        }
        return Shape.of(dims);
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    /** The name of the op a node becomes in our graph (under the caller's scope). */
    static String opName(String node) {
        return safe(node);
    }

    /** The node's name as one op name within our scope: its path separators and odd characters become _. */
    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9_.-]", "_").replaceAll("^[_.-]+", "");
    }
}
