package dev.framelift.model.runtime;

import java.util.Iterator;
import java.util.Set;

import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Counts the floating-point work of one frame through a model, from its graph alone: the
 * {@code GraphDef} is copied with the input placeholder fixed to {@code [1, H, W, C]}, imported
 * into a scratch graph (TensorFlow infers every static shape on import), and each convolution and
 * matrix product is counted at 2 FLOPs per multiply-add. Element-wise ops (bias, activations,
 * colour conversion, resizing) are left out, as is usual: they are a few percent of a
 * convolutional generator and bound by memory, not arithmetic.
 *
 * <p>Stateless; nothing runs, so counting costs no inference.
 */
public final class GraphFlops {
    private static final Set<String> CONVOLUTIONS = Set.of("Conv2D", "DepthwiseConv2dNative", "_FusedConv2D");
    private static final Set<String> PRODUCTS = Set.of("MatMul", "BatchMatMul", "BatchMatMulV2", "BatchMatMulV3",
            "_FusedMatMul");

    private GraphFlops() {
    }

    /**
     * @param graph    the model's graph
     * @param inputOp  the name of its image placeholder (the signature input's op)
     * @param channels the channels of that input
     * @return FLOPs per frame of {@code width x height}
     * @throws IllegalStateException if a counted op's shape cannot be inferred at that size
     */
    public static long perFrame(GraphDef graph, String inputOp, int width, int height, int channels) {
        final GraphDef.Builder fixed = graph.toBuilder();
        boolean found = false;
        for (int i = 0; i < fixed.getNodeCount(); i++) {
            final NodeDef node = fixed.getNode(i);
            if (node.getName().equals(inputOp)) {
                final TensorShapeProto shape = TensorShapeProto.newBuilder().addDim(dim(1)).addDim(dim(height))
                        .addDim(dim(width)).addDim(dim(channels)).build();
                fixed.setNode(i, node.toBuilder().putAttr("shape", AttrValue.newBuilder().setShape(shape).build()));
                found = true;
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no input op '" + inputOp + "' in the graph");
        }
        long flops = 0;
        try (Graph scratch = new Graph()) {
            scratch.importGraphDef(fixed.build());
            for (Iterator<GraphOperation> ops = scratch.operations(); ops.hasNext();) {
                flops += flops(ops.next());
            }
        }
        return flops;
    }

    private static long flops(GraphOperation op) {
        final String type = op.type();
        if (CONVOLUTIONS.contains(type)) {
            // out [N,H,W,Co] x filter [Kh,Kw,Ci,M]: one multiply-add per output sample and filter tap of
            // its input channels (depthwise: Co = Ci*M and each output sees one input channel)
            final Shape out = known(op, op.output(0).shape());
            final Shape filter = known(op, op.input(1).shape());
            final long taps = filter.get(0) * filter.get(1) * (type.equals("DepthwiseConv2dNative") ? 1 : filter.get(2));
            return 2 * out.size() * taps;
        }
        if (type.equals("Conv2DBackpropInput")) {
            // a transposed convolution: the filter [Kh,Kw,Co,Ci] visits every sample of the small side once
            final Shape small = known(op, op.input(2).shape());
            final Shape filter = known(op, op.input(1).shape());
            return 2 * small.size() * filter.get(0) * filter.get(1) * filter.get(2);
        }
        if (PRODUCTS.contains(type)) {
            // out [..., M, N] = a [..., M, K] b [..., K, N]: K multiply-adds per output element
            final Shape out = known(op, op.output(0).shape());
            final Shape a = known(op, op.input(0).shape());
            final boolean transposeA = attrBool(op, type.startsWith("BatchMatMul") ? "adj_x" : "transpose_a");
            final long k = transposeA ? a.get(a.numDimensions() - 2) : a.get(a.numDimensions() - 1);
            return 2 * out.size() * k;
        }
        return 0;
    }

    private static boolean attrBool(GraphOperation op, String name) {
        try {
            return op.attributes().getAttrBool(name);
        } catch (RuntimeException absent) {
            return false;
        }
    }

    private static Shape known(GraphOperation op, Shape shape) {
        if (shape.isUnknown() || shape.hasUnknownDimension()) {
            throw new IllegalStateException(op.type() + " '" + op.name() + "' has shape " + shape
                    + " at this input size; cannot count its FLOPs");
        }
        return shape;
    }

    private static TensorShapeProto.Dim dim(long size) {
        return TensorShapeProto.Dim.newBuilder().setSize(size).build();
    }
}
