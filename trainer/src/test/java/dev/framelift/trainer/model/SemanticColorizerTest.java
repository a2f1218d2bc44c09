package dev.framelift.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TUint8;

/**
 * The semantic colorizer, on a stand-in encoder with the detector's input and feature names (one
 * stride-4 convolution to 128 channels): it grows from a plain {@code bins} model, and its fine
 * variant from it, each computing exactly what the smaller model computes until training moves
 * its added layers, at any frame size.
 */
class SemanticColorizerTest {
    @TempDir
    Path dir;

    @Test
    void startsAsThePlainColorizerItGrowsFrom() throws IOException {
        final Encoder encoder = standInEncoder();
        final ChromaBinsGenerator semantic = ChromaBinsGenerator.semantic(() -> encoder);
        assertThat(semantic.architecture()).isEqualTo(ChromaBinsGenerator.SEMANTIC_ARCHITECTURE);
        assertThat(semantic.grownFrom()).isEqualTo(Optional.of(ChromaBinsGenerator.ARCHITECTURE));
        assertColoursAsFresh(semantic, new ChromaBinsGenerator());
    }

    @Test
    void theFineVariantStartsAsTheSemanticColorizerItGrowsFrom() throws IOException {
        final Encoder encoder = standInEncoder();
        final ChromaBinsGenerator fine = ChromaBinsGenerator.semanticFine(() -> encoder);
        assertThat(fine.architecture()).isEqualTo(ChromaBinsGenerator.SEMANTIC_FINE_ARCHITECTURE);
        assertThat(fine.grownFrom()).isEqualTo(Optional.of(ChromaBinsGenerator.SEMANTIC_ARCHITECTURE));
        assertThat(TrainingTask.COLORIZE.archOf(fine.architecture())).isEqualTo("bins-semantic-fine");
        assertColoursAsFresh(fine, ChromaBinsGenerator.semantic(() -> encoder));
    }

    /** Freshly initialised, {@code grown} colours two frame sizes exactly as {@code smaller} does. */
    private static void assertColoursAsFresh(ChromaBinsGenerator grown, ChromaBinsGenerator smaller) {
        for (final int[] size : new int[][] {{48, 40}, {37, 53}}) {
            final byte[] y = GeneratorGraphTest.smooth(size[0], size[1], 1);
            final long[] shape = {1, size[1], size[0], 1};
            final Object[] a = GeneratorGraphTest.runFresh(grown, y, shape);
            final Object[] b = GeneratorGraphTest.runFresh(smaller, y, shape);
            assertThat((long[]) a[1]).containsExactly(1, size[1], size[0], 3);
            assertThat((byte[]) a[0]).isEqualTo((byte[]) b[0]);
        }
    }

    private Encoder standInEncoder() throws IOException {
        return TfjsGraph.read(standIn()).encoder(ChromaBinsGenerator.ENCODER_INPUT, ChromaBinsGenerator.ENCODER_FEATURES);
    }

    /**
     * A model grown with the encoder carries it: copied out of that model's graph, it gives a
     * colorizer that colours exactly as one built from the encoder's own files.
     */
    @Test
    void takesItsEncoderFromTheGraphOfAModelThatCarriesIt() throws IOException {
        final TfjsGraph encoder = TfjsGraph.read(standIn());
        final Encoder fromFiles = encoder.encoder(ChromaBinsGenerator.ENCODER_INPUT, ChromaBinsGenerator.ENCODER_FEATURES);
        final GraphDef exported;
        try (Graph g = new Graph()) {
            final Ops tf = Ops.create(g);
            ChromaBinsGenerator.semantic(() -> fromFiles).inference(tf.placeholder(TUint8.class),
                    new Weights(tf, "generator", 3, true));
            exported = g.toGraphDef();
        }
        final ExportedEncoder carried = ExportedEncoder.of(exported);
        final byte[] y = GeneratorGraphTest.smooth(37, 29, 1);
        final long[] shape = {1, 29, 37, 1};
        final Object[] a = GeneratorGraphTest.runFresh(ChromaBinsGenerator.semantic(() -> carried), y, shape);
        final Object[] b = GeneratorGraphTest.runFresh(ChromaBinsGenerator.semantic(() -> fromFiles), y, shape);
        assertThat((byte[]) a[0]).isEqualTo((byte[]) b[0]);
        try (Graph g = new Graph()) {
            final Ops tf = Ops.create(g);
            final var rgb = tf.constant(org.tensorflow.ndarray.Shape.of(1, 32, 64, 3),
                    org.tensorflow.ndarray.buffer.DataBuffers.of(GeneratorGraphTest.smooth(64, 32, 3)));
            final var x = tf.dtypes.cast(rgb, org.tensorflow.types.TFloat32.class);
            final var one = carried.features(tf.withSubScope("a"), x);
            final var two = fromFiles.features(tf.withSubScope("b"), x);
            try (Session s = new Session(g);
                    var r = s.runner().fetch(one).fetch(two).run()) {
                final float[] u = new float[(int) r.get(0).shape().size()];
                final float[] v = new float[u.length];
                r.get(0).asRawTensor().data().asFloats().read(u);
                r.get(1).asRawTensor().data().asFloats().read(v);
                assertThat(r.get(0).shape().asArray()).containsExactly(1, 8, 16, ChromaBinsGenerator.ENCODER_CHANNELS);
                assertThat(u).containsExactly(v);
            }
        }
    }

    @Test
    void saysWhenAGraphCarriesNoEncoder() {
        try (Graph g = new Graph()) {
            Ops.create(g).constant(1f);
            assertThatThrownBy(() -> ExportedEncoder.of(g.toGraphDef())).hasMessageContaining("the graph has no encoder");
        }
    }

    @Test
    void refusesAnEncoderThatReadsTwoTensorsFromOutside() {
        final GraphDef def;
        try (Graph g = new Graph()) {
            final Ops tf = Ops.create(g);
            final var a = tf.constant(1f);
            final var b = tf.constant(2f);
            tf.withSubScope("generator").withSubScope(ChromaBinsGenerator.ENCODER_SCOPE)
                    .withName(TfjsGraph.opName(ChromaBinsGenerator.ENCODER_FEATURES)).math.add(a, b);
            def = g.toGraphDef();
        }
        final ExportedEncoder encoder = ExportedEncoder.of(def);
        try (Graph g = new Graph()) {
            final Ops tf = Ops.create(g);
            assertThatThrownBy(() -> encoder.features(tf, tf.constant(0f))).hasMessageContaining("more than one tensor");
        }
    }

    @Test
    void readsItsEncoderOnlyWhenBuilt() {
        final ChromaBinsGenerator semantic = ChromaBinsGenerator.semantic(() -> {
            throw new UncheckedIOException(new IOException("no encoder here"));
        });
        assertThat(TrainingTask.COLORIZE.archOf(semantic.architecture())).isEqualTo("bins-semantic");
        assertThatThrownBy(() -> GeneratorGraphTest.runFresh(semantic, new byte[64], new long[] {1, 8, 8, 1}))
                .hasMessageContaining("no encoder here");
    }

    /** A graph model named like the detector: tower_0/images to tower_0/CenternetHead/mul, stride 4, 128 channels. */
    private Path standIn() throws IOException {
        final int n = 4 * 4 * 3 * ChromaBinsGenerator.ENCODER_CHANNELS;
        final ByteBuffer bin = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            bin.putFloat((float) Math.sin(i) * 1e-3f);
        }
        Files.write(dir.resolve("encoder.bin"), bin.array());
        final Path json = dir.resolve("encoder.json");
        Files.writeString(json, """
                {"format": "graph-model",
                 "modelTopology": {"node": [
                  {"name": "tower_0/images", "op": "Placeholder", "attr": {"dtype": {"type": "DT_FLOAT"}}},
                  {"name": "k", "op": "Const"},
                  {"name": "tower_0/CenternetHead/mul", "op": "Conv2D", "input": ["tower_0/images", "k"], "attr": {
                    "T": {"type": "DT_FLOAT"}, "strides": {"list": {"i": ["1", "4", "4", "1"]}},
                    "padding": {"s": "U0FNRQ=="}, "data_format": {"s": "TkhXQw=="}}}
                 ]},
                 "weightsManifest": [{"paths": ["encoder.bin"], "weights": [
                  {"name": "k", "shape": [4, 4, 3, 128], "dtype": "float32"}]}]}
                """);
        return json;
    }
}
