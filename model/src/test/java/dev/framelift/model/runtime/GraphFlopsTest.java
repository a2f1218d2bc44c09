package dev.framelift.model.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class GraphFlopsTest {
    @Test
    void shouldCountTwoFlopsPerMultiplyAddOfEveryConvolutionAtTheGivenSize() {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            var images = tf.withName("images").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, -1, -1, 3)));
            var features = tf.nn.conv2d(images, tf.zeros(tf.constant(new long[] {3, 3, 3, 8}), TFloat32.class),
                    List.of(1L, 1L, 1L, 1L), "SAME");
            var strided = tf.nn.conv2d(features, tf.zeros(tf.constant(new long[] {1, 1, 8, 4}), TFloat32.class),
                    List.of(1L, 2L, 2L, 1L), "SAME");
            tf.math.add(strided, tf.constant(1f));

            long flops = GraphFlops.perFrame(graph.toGraphDef(), "images", 40, 30, 3);

            long full = 2L * 40 * 30 * 8 * (3 * 3 * 3);
            long half = 2L * 20 * 15 * 4 * 8;
            assertThat(flops).isEqualTo(full + half);
        }
    }

    @Test
    void shouldCountMatrixProducts() {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            var images = tf.withName("images").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, -1, -1, 1)));
            var rows = tf.reshape(images, tf.constant(new long[] {-1, 16}));
            tf.linalg.matMul(rows, tf.zeros(tf.constant(new long[] {16, 5}), TFloat32.class));

            assertThat(GraphFlops.perFrame(graph.toGraphDef(), "images", 8, 4, 1)).isEqualTo(2L * 2 * 5 * 16);
        }
    }

    @Test
    void shouldRefuseAGraphWithoutTheNamedInput() {
        try (Graph graph = new Graph()) {
            Ops.create(graph).constant(1f);
            assertThatThrownBy(() -> GraphFlops.perFrame(graph.toGraphDef(), "images", 8, 8, 3))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("images");
        }
    }
}
