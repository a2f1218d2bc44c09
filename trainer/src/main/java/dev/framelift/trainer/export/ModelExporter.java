package dev.framelift.trainer.export;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TUint8;

import dev.framelift.model.FileTrees;
import dev.framelift.model.ModelContract;
import dev.framelift.model.artifact.DeterministicZip;
import dev.framelift.model.artifact.Sha256;
import dev.framelift.schema.ModelCard;
import dev.framelift.schema.ModelCardJson;
import dev.framelift.trainer.model.Generator;
import dev.framelift.trainer.model.Weights;

/**
 * Writes a model directory: the SavedModel of a clean inference graph (the generator alone,
 * built by the same function as in training, with uninitialised variables under the given
 * scope restored from a checkpoint) and its {@code card.json}. Stateless; each call owns and
 * closes its graph and session.
 */
public final class ModelExporter {
    private static final String INPUT = ModelContract.INPUT;
    private static final String OUTPUT = ModelContract.OUTPUT;

    private ModelExporter() {
    }

    /**
     * What the card says besides what the generator itself knows; {@code flavour} is
     * {@code faithful} or {@code perceptual}; {@code validationData} names what the metrics were
     * measured on (cards compare only when it is equal).
     */
    public record CardInfo(String version, String flavour, String trainingData, String trainingCommand,
            Map<String, Double> metrics, Map<String, Double> baseline, String validationData) {
    }

    /**
     * Exports the generator whose variables live under {@code scope} in the checkpoint
     * {@code checkpointPrefix} to {@code modelDir} (replaced if present).
     *
     * @return the number of generator parameters
     */
    public static long exportSavedModel(Generator gen, String scope, Path checkpointPrefix, Path modelDir,
            ConfigProto config) throws IOException {
        FileTrees.deleteRecursively(modelDir);
        try (Graph g = new Graph()) {
            final Ops tf = Ops.create(g);
            final Placeholder<TUint8> images = tf.withName(INPUT).placeholder(TUint8.class,
                    Placeholder.shape(Shape.of(-1, -1, -1, gen.inputChannels())));
            final Weights w = new Weights(tf, scope, 0, false);
            final Operand<TUint8> enhanced = tf.withName(OUTPUT).identity(gen.inference(images, w));
            try (Session s = new Session(g, config)) {
                s.restore(checkpointPrefix.toString());
                SavedModelBundle.exporter(modelDir.toString())
                        .withSession(s)
                        .withSignature(Signature.builder(Signature.DEFAULT_KEY)
                                .input(INPUT, images).output(OUTPUT, enhanced).build())
                        .export();
            }
            return w.parameterCount();
        }
    }

    /** Writes {@code card.json} for an exported model; returns the card. */
    public static ModelCard writeCard(Generator gen, long parameters, Path modelDir, CardInfo info) throws IOException {
        final byte[] zip = DeterministicZip.zip(modelDir);
        final ModelCard card = ModelCard.newBuilder()
                .setTask(gen.task().id())
                .setFlavour(info.flavour())
                .setVersion(info.version())
                .setScale(gen.scale())
                .setInputChannels(gen.inputChannels())
                .setArchitecture(gen.architecture())
                .setParameters(parameters)
                .setCreatedTime(Instant.now())
                .setTrainingData(info.trainingData())
                .setTrainingCommand(info.trainingCommand())
                .setMetrics(Map.copyOf(info.metrics()))
                .setBaselineMetrics(Map.copyOf(info.baseline()))
                .setSignatureInput(INPUT)
                .setSignatureOutput(OUTPUT)
                .setSha256(Sha256.hex(zip))
                .setValidationData(info.validationData())
                .build();
        ModelCardJson.write(card, modelDir);
        return card;
    }
}
