package dev.framelift.trainer.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tensorflow.GraphOperationBuilder;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.types.TFloat32;

/**
 * The encoder as an exported model carries it: the ops under {@code .../encoder/} of its graph,
 * copied into ours with their attributes (constants included), its one input from outside that
 * scope replaced by ours. Why: a model grown with an encoder can be fine-tuned again
 * ({@code train --init}, e.g. on a camera's own frames) from the model folder alone, without
 * fetching the encoder's original files.
 *
 * <p>Immutable; {@link #features} may be called for several graphs.
 */
public final class ExportedEncoder implements Encoder {
    private static final String SCOPE = "/" + ChromaBinsGenerator.ENCODER_SCOPE + "/";

    private final Map<String, NodeDef> nodes;
    private final String output;
    private final String prefix;

    private ExportedEncoder(Map<String, NodeDef> nodes, String output) {
        this.nodes = nodes;
        this.output = output;
        this.prefix = output.substring(0, output.indexOf(SCOPE) + SCOPE.length());
    }

    /** The encoder inside the SavedModel in {@code modelDir}. */
    public static ExportedEncoder read(Path modelDir) throws IOException {
        final GraphDef graph = SavedModel.parseFrom(Files.readAllBytes(modelDir.resolve("saved_model.pb")))
                .getMetaGraphs(0).getGraphDef();
        try {
            return of(graph);
        } catch (IllegalArgumentException e) {
            throw new IOException(modelDir + ": " + e.getMessage(), e);
        }
    }

    /** The encoder inside {@code graph}, whose features op is named {@code .../encoder/<features>}. */
    public static ExportedEncoder of(GraphDef graph) {
        final Map<String, NodeDef> nodes = new LinkedHashMap<>();
        graph.getNodeList().forEach(n -> nodes.put(n.getName(), n));
        final String suffix = SCOPE + TfjsGraph.opName(ChromaBinsGenerator.ENCODER_FEATURES);
        final String output = nodes.keySet().stream().filter(name -> name.endsWith(suffix)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the graph has no encoder (no op named *" + suffix + ")"));
        return new ExportedEncoder(nodes, output);
    }

    /** Copies the encoder under {@code tf}'s scope (the generator's {@code encoder} sub-scope), named as in the export. */
    @Override
    public Operand<TFloat32> features(Ops tf, Operand<TFloat32> rgb) {
        return new Copy(tf, rgb).output(output).expect(TFloat32.class);
    }

    /** One copy into one graph: the ops copied so far, and the outside tensor {@code input} stands for. */
    private final class Copy {
        private final Ops tf;
        private final Operand<TFloat32> input;
        private final Map<String, Output<?>> built = new HashMap<>();
        private String external;

        Copy(Ops tf, Operand<TFloat32> input) {
            this.tf = tf;
            this.input = input;
        }

        Output<?> output(String ref) {
            final int colon = ref.lastIndexOf(':');
            final String name = colon < 0 ? ref : ref.substring(0, colon);
            final int index = colon < 0 ? 0 : Integer.parseInt(ref.substring(colon + 1));
            if (!name.startsWith(prefix)) {
                return outside(name + ":" + index);
            }
            Output<?> first = built.get(name);
            if (first == null) {
                first = copyOp(nodes.get(name));
                built.put(name, first);
            }
            return index == 0 ? first : first.op().output(index);
        }

        /** The one tensor the encoder reads from outside its scope; a second would be fed the wrong tensor. */
        private Output<?> outside(String ref) {
            if (external == null) {
                external = ref;
            } else if (!external.equals(ref)) {
                throw new IllegalArgumentException("the encoder in this graph reads more than one tensor from outside its scope: "
                        + external + " and " + ref);
            }
            return input.asOutput();
        }

        private Output<?> copyOp(NodeDef node) {
            final List<Output<?>> in = new ArrayList<>();
            for (final String i : node.getInputList()) {
                if (!i.startsWith("^")) {
                    in.add(output(i));
                }
            }
            // a name's path below the encoder's scope becomes sub-scopes, so the copy is named as the original
            final String[] path = node.getName().substring(prefix.length()).split("/");
            Ops scoped = tf;
            for (int i = 0; i < path.length - 1; i++) {
                scoped = scoped.withSubScope(path[i]);
            }
            final String local = path[path.length - 1];
            final GraphOperationBuilder b = (GraphOperationBuilder) scoped.scope().withName(local).opBuilder(node.getOp(), local);
            TfjsGraph.addInputs(b, node.getOp(), in);
            node.getAttrMap().forEach((k, v) -> {
                if (!k.startsWith("_")) {
                    b.setAttr(k, v);
                }
            });
            return b.build().output(0);
        }
    }
}
