package dev.framelift.enhancer.bench;

import java.util.SplittableRandom;

import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Constant;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

import dev.framelift.enhancer.inference.TensorFlowRuntime;

/**
 * The machine's arithmetic ceiling as TensorFlow sees it: the float32 FLOP/s of a large square
 * matrix product ({@code 2 n^3} FLOPs), on the same thread pools and session configuration the
 * models run on. Both operands are constants of the graph and the product is run as a target, so
 * nothing is copied in or out: the figure is the kernel's.
 */
final class MatMulCeiling {
    private MatMulCeiling() {
    }

    /**
     * @param n    the side of the matrices
     * @param runs timed products after one warm-up
     * @return GFLOP/s of each run
     */
    static double[] measure(int n, int runs) {
        final SplittableRandom random = new SplittableRandom(1);
        final float[] values = new float[n * n];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextDouble(-1, 1);
        }
        final double flops = 2.0 * n * n * n;
        final double[] gflops = new double[runs];
        try (Graph graph = new Graph()) {
            final Ops tf = Ops.create(graph);
            final Constant<TFloat32> a = tf.constant(Shape.of(n, n), DataBuffers.of(values, true, false));
            final Constant<TFloat32> b = tf.constant(Shape.of(n, n), DataBuffers.of(values, true, false));
            final MatMul<TFloat32> product = tf.linalg.matMul(a, b);
            try (Session session = new Session(graph, TensorFlowRuntime.configProto())) {
                run(session, product);
                for (int r = 0; r < runs; r++) {
                    final long start = System.nanoTime();
                    run(session, product);
                    gflops[r] = flops / (System.nanoTime() - start);
                }
            }
        }
        return gflops;
    }

    private static void run(Session session, MatMul<TFloat32> product) {
        try (Result nothing = session.runner().addTarget(product).run()) {
            // a target returns no tensors; the Result is closed all the same
        }
    }
}
