package dev.framelift.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

import dev.framelift.model.Image;
import dev.framelift.model.runtime.ContractModel;
import dev.framelift.schema.ModelCard;
import dev.framelift.schema.ModelCardJson;
import dev.framelift.trainer.data.PhotoSetTest;
import dev.framelift.trainer.data.ValidationSplit;
import dev.framelift.trainer.export.ModelExporter;
import dev.framelift.trainer.model.Generator;
import dev.framelift.trainer.model.TrainingTask;

/** Fine-tuning: starting from an exported model's weights, and a time budget instead of steps. */
class FineTuneTest {
    @TempDir
    static Path dir;
    static Path exported;

    @BeforeAll
    static void exportAModel() throws IOException {
        PhotoSetTest.writePhotos(dir.resolve("photos"), 12, 48, 5);
        exported = new Trainer(config(dir.resolve("base"), 3, 0), TrainerResumeTest.quiet()).run().model();
    }

    static TrainConfig config(Path out, int steps, int ganSteps) {
        return new TrainConfig(TrainingTask.SR_X2, dir.resolve("photos"), out, steps, ganSteps, 2, 16, 3, ValidationSplit.NEWEST, null,
                false, "fast", false, 2, 1e-4f, 0, 5e-5f, 1e-3f, 50, 50, 0, 1, "faithful", "test");
    }

    @Test
    void shouldStartTheGeneratorAndItsAverageFromTheExportedWeights() throws IOException {
        byte[] probe = new byte[10 * 14 * 3];
        new java.util.Random(2).nextBytes(probe);
        byte[] expected;
        try (ContractModel model = ContractModel.load(exported, null)) {
            expected = model.enhance(new Image(14, 10, 3, probe)).pixels();
        }
        try (TrainingGraph g = new TrainingGraph(TrainingTask.SR_X2.generator("fast"), 99, Trainer.sessionConfig(2))) {
            g.session.initialize();
            assertThat(run(g, g.trainEnhanced, g.lrImages, probe)).as("random weights differ").isNotEqualTo(expected);
            InitFromModel.apply(g, exported);
            assertThat(run(g, g.averageEnhanced, g.valImages, probe)).isEqualTo(expected);
            assertThat(run(g, g.trainEnhanced, g.lrImages, probe)).isEqualTo(expected);
        }
    }

    /**
     * The shipped models were exported by earlier versions of the graph code, whose variables
     * TensorFlow numbered differently ({@code ema_3/conv1/kernel} against {@code ema_4/...}):
     * fine-tuning one must still start from exactly its weights.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sr-x2", "sr-x2-realtime", "sr-x4", "colorize"})
    void shouldStartFromEachShippedModelsExactWeights(String name) throws IOException {
        Path shipped = Path.of("..", "models", name);
        assertThat(shipped.resolve("card.json")).as("the shipped model " + name).exists();
        TrainingTask task = TrainingTask.parse(ModelCardJson.read(shipped).getTask().toString());
        int channels = task.colorize() ? 1 : 3;
        byte[] probe = probe(channels);
        try (TrainingGraph g = new TrainingGraph(task.generator(Trainer.architectureOf(shipped, task), shipped), 5,
                Trainer.sessionConfig(2))) {
            g.session.initialize();
            InitFromModel.apply(g, shipped);
            calibrateAs(g, shipped);
            assertThat(run(g, g.averageEnhanced, g.valImages, probe, 16, 16, channels)).isEqualTo(enhanced(shipped, probe, channels));
        }
    }

    /**
     * The deep colorizer grows from a plain one: it takes every layer the plain model has, starts
     * the residual blocks it adds fresh, and so starts by colouring exactly as that model does.
     */
    @Test
    void shouldGrowTheDeepColorizerFromAPlainOneAndColourAsItDoes(@TempDir Path dir) throws IOException {
        Path shipped = exportedPlainColorizer(dir);
        byte[] probe = probe(1);
        try (TrainingGraph g = new TrainingGraph(TrainingTask.COLORIZE.generator("bins-deep"), 5, Trainer.sessionConfig(2))) {
            g.session.initialize();

            List<String> fresh = InitFromModel.apply(g, shipped);

            assertThat(fresh).hasSize(12).allMatch(layer -> layer.matches("(mid_r[12]|dec3_r1)[ab]/(kernel|bias)"));
            calibrateAs(g, shipped);
            assertThat(run(g, g.averageEnhanced, g.valImages, probe, 16, 16, 1)).isEqualTo(enhanced(shipped, probe, 1));
        }
    }

    /**
     * The fine semantic colorizer grows from the shipped semantic one: it takes every layer and
     * the detector from that model, starts only its decoder's two feature convolutions fresh, and
     * so starts by colouring exactly as the shipped model does.
     */
    @Test
    void shouldGrowTheFineSemanticColorizerFromTheShippedOneAndColourAsItDoes() throws IOException {
        Path shipped = Path.of("..", "models", "colorize");
        assertThat(Trainer.architectureOf(shipped, TrainingTask.COLORIZE)).isEqualTo("bins-semantic");
        byte[] probe = probe(1);
        try (TrainingGraph g = new TrainingGraph(TrainingTask.COLORIZE.generator("bins-semantic-fine", shipped), 5,
                Trainer.sessionConfig(2))) {
            g.session.initialize();

            List<String> fresh = InitFromModel.apply(g, shipped);

            assertThat(fresh).containsExactlyInAnyOrder("sem_c/kernel", "sem_c/bias", "sem_d/kernel", "sem_d/bias");
            calibrateAs(g, shipped);
            assertThat(run(g, g.averageEnhanced, g.valImages, probe, 16, 16, 1)).isEqualTo(enhanced(shipped, probe, 1));
        }
    }

    /** A {@code bins} colorizer, trained three steps on noise so its weights are not the initial ones, exported. */
    private static Path exportedPlainColorizer(Path dir) throws IOException {
        Generator gen = TrainingTask.COLORIZE.generator("bins");
        try (TrainingGraph g = new TrainingGraph(gen, 4, Trainer.sessionConfig(2))) {
            g.session.initialize();
            try (TUint8 a = TUint8.tensorOf(Shape.of(2, 16, 16, 1), DataBuffers.of(noise(2 * 16 * 16, 1)));
                    TUint8 b = TUint8.tensorOf(Shape.of(2, 16, 16, 3), DataBuffers.of(noise(2 * 16 * 16 * 3, 2)));
                    TFloat32 lr = TFloat32.scalarOf(1e-3f);
                    TFloat32 decay = TFloat32.scalarOf(0.5f)) {
                for (int i = 0; i < 3; i++) {
                    g.session.runner().feed(g.lrImages, a).feed(g.truth, b).feed(g.lrG, lr).addTarget(g.gStepL1).run().close();
                    g.session.runner().feed(g.emaDecay, decay).addTarget(g.emaUpdate).run().close();
                }
            }
            g.session.save(dir.resolve("ckpt").resolve("ckpt").toString());
            Path model = dir.resolve("bins");
            long params = ModelExporter.exportSavedModel(gen, TrainingGraph.AVERAGE, dir.resolve("ckpt").resolve("ckpt"), model,
                    Trainer.sessionConfig(2));
            ModelExporter.writeCard(gen, params, model, new ModelExporter.CardInfo("colorize-test", "faithful", "noise", "test",
                    Map.of("chroma_temperature", 1.0, "chroma_gain", 1.0), Map.of("m", 0.5), "noise"));
            return model;
        }
    }

    private static byte[] noise(int n, long seed) {
        byte[] b = new byte[n];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] probe(int channels) {
        byte[] probe = new byte[16 * 16 * channels];
        new java.util.Random(3).nextBytes(probe);
        return probe;
    }

    private static byte[] enhanced(Path model, byte[] probe, int channels) throws IOException {
        try (ContractModel m = ContractModel.load(model, null)) {
            return m.enhance(new Image(16, 16, channels, probe)).pixels();
        }
    }

    /** The export has its calibrated temperature and gain baked in; training starts them at 1. */
    private static void calibrateAs(TrainingGraph g, Path model) throws IOException {
        ModelCard card = ModelCardJson.read(model);
        for (String constant : g.generator.calibration().keySet()) {
            ChromaCalibration.set(g, constant, card.getMetrics().get(constant.replace('/', '_')));
        }
    }

    /**
     * The shipped sr-x4 starts an x2 network of its architecture: the layers at input size take
     * its weights, the two that make the sub-pixel channels start fresh.
     */
    @Test
    void shouldStartAnotherScaleFromTheLayersAtInputSize() throws IOException {
        Path sr4 = Path.of("..", "models", "sr-x4");
        String arch = Trainer.architectureOf(sr4, TrainingTask.SR_X2);
        assertThat(arch).isEqualTo("quality");
        byte[] x4Head;
        try (TrainingGraph g4 = new TrainingGraph(TrainingTask.SR_X4.generator(arch), 5, Trainer.sessionConfig(2))) {
            g4.session.initialize();
            assertThat(InitFromModel.apply(g4, sr4)).as("same scale: every layer").isEmpty();
            x4Head = weights(g4, "head/kernel");
        }
        try (TrainingGraph g2 = new TrainingGraph(TrainingTask.SR_X2.generator(arch), 5, Trainer.sessionConfig(2))) {
            g2.session.initialize();
            byte[] freshTail = weights(g2, "tail/kernel");

            List<String> fresh = InitFromModel.apply(g2, sr4);

            assertThat(fresh).containsExactlyInAnyOrder("body/kernel", "body/bias", "tail/kernel", "tail/bias");
            assertThat(weights(g2, "head/kernel")).isEqualTo(x4Head);
            assertThat(weights(g2, "tail/kernel")).as("a fresh layer keeps its initial weights").isEqualTo(freshTail);
        }
    }

    @Test
    void shouldStartFromTheWeightedAverageOfTwoExportsWithABlend() throws IOException {
        Path longer = new Trainer(config(dir.resolve("longer"), 8, 0), TrainerResumeTest.quiet()).run().model();
        float[] a;
        float[] b;
        float[] blended;
        try (TrainingGraph g = new TrainingGraph(TrainingTask.SR_X2.generator("fast"), 5, Trainer.sessionConfig(2))) {
            g.session.initialize();
            InitFromModel.apply(g, exported);
            a = floats(weights(g, "conv1/kernel"));
            InitFromModel.apply(g, longer);
            b = floats(weights(g, "conv1/kernel"));
            InitFromModel.apply(g, exported, new WeightBlend(longer, 0.25f));
            blended = floats(weights(g, "conv1/kernel"));
        }
        assertThat(a).as("two different exports").isNotEqualTo(b);
        for (int i = 0; i < a.length; i++) {
            assertThat(blended[i]).isCloseTo(0.75f * a[i] + 0.25f * b[i], org.assertj.core.api.Assertions.within(1e-6f));
        }
    }

    @Test
    void shouldRefuseABlendOfAnotherArchitectureOrAWeightOutsideTheOpenInterval() {
        assertThatThrownBy(() -> new WeightBlend(exported, 1f)).hasMessageContaining("strictly between 0 and 1");
        assertThatThrownBy(() -> new WeightBlend(exported, 0f)).hasMessageContaining("strictly between 0 and 1");
        try (TrainingGraph g = new TrainingGraph(TrainingTask.SR_X2.generator("fast"), 5, Trainer.sessionConfig(2))) {
            g.session.initialize();
            assertThatThrownBy(() -> InitFromModel.apply(g, exported, new WeightBlend(Path.of("..", "models", "sr-x4"), 0.5f)))
                    .isInstanceOf(IOException.class).hasMessageContaining("has other layers than --init");
        }
    }

    private static float[] floats(byte[] bytes) {
        float[] values = new float[bytes.length / Float.BYTES];
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer().get(values);
        return values;
    }

    private static byte[] weights(TrainingGraph g, String layer) {
        org.tensorflow.op.core.Variable<org.tensorflow.types.TFloat32> v = g.gVars.stream()
                .filter(variable -> InitFromModel.layerOf(variable.op().name()).equals(layer)).findFirst().orElseThrow();
        try (Result r = g.session.runner().fetch(v).run()) {
            byte[] bytes = new byte[(int) r.get(0).asRawTensor().numBytes()];
            r.get(0).asRawTensor().data().read(bytes);
            return bytes;
        }
    }

    @Test
    void shouldLeadWithFidelityOnlyWhenFineTuningOnOneScene() {
        assertThat(Trainer.objective(true, false)).as("--init on a camera's frames").isEqualTo(Validator.Objective.FIDELITY);
        assertThat(Trainer.objective(true, true)).as("--init on a collection with --holdout")
                .isEqualTo(Validator.Objective.COLOURFULNESS);
        assertThat(Trainer.objective(false, false)).as("from scratch").isEqualTo(Validator.Objective.COLOURFULNESS);
    }

    @Test
    void shouldRefuseToInitFromAModelOfAnotherTask() {
        assertThatThrownBy(() -> Trainer.architectureOf(exported, TrainingTask.COLORIZE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a sr-x2 model, not colorize");
        Path colorizer = Path.of("..", "models", "colorize");
        assertThatThrownBy(() -> Trainer.architectureOf(colorizer, TrainingTask.SR_X2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a colorize model, not sr-x2");
        assertThat(catchArchitecture()).isEqualTo("fast");
    }

    @Test
    void shouldInitAColorizerFromTheBinsArchitectureItsCardNames() throws IOException {
        Path binsModel = Files.createDirectories(dir.resolve("bins-card"));
        ModelCardJson.write(ModelCard.newBuilder().setTask("colorize").setVersion("colorize-test-bins").setScale(1)
                .setInputChannels(1).setArchitecture(TrainingTask.COLORIZE.generator("bins").architecture())
                .setCreatedTime(java.time.Instant.EPOCH).build(), binsModel);

        assertThat(Trainer.architectureOf(binsModel, TrainingTask.COLORIZE)).isEqualTo("bins");
    }

    private static String catchArchitecture() {
        try {
            return Trainer.architectureOf(exported, TrainingTask.SR_X2);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldTrainForATimeBudgetAndCountTheRunAsComplete() throws IOException {
        Trainer trainer = new Trainer(config(dir.resolve("budget"), 1_000_000, 0), TrainerResumeTest.quiet());
        trainer.initFrom(exported);
        trainer.timeBudget(Duration.ofSeconds(20));
        Trainer.Outcome outcome = trainer.run();
        assertThat(outcome.completed()).isTrue();
        assertThat(outcome.step()).isBetween(1L, 999_999L);
        assertThat(outcome.card().getTrainingData()).contains("best");
    }

    @Test
    void shouldHoldOutTheNewestOfTheSortedFramesWithTheNewestSplit() {
        List<Path> frames = java.util.stream.IntStream.range(0, 10).mapToObj(i -> Path.of(String.format("f%03d.png", i))).toList();
        assertThat(ValidationSplit.NEWEST.pick(frames, 3, 1)).containsExactly(Path.of("f007.png"), Path.of("f008.png"),
                Path.of("f009.png"));
    }

    private static byte[] run(TrainingGraph g, org.tensorflow.Operand<TUint8> out, org.tensorflow.Operand<TUint8> in,
            byte[] pixels) {
        return run(g, out, in, pixels, 10, 14, 3);
    }

    private static byte[] run(TrainingGraph g, org.tensorflow.Operand<TUint8> out, org.tensorflow.Operand<TUint8> in,
            byte[] pixels, int h, int w, int channels) {
        try (TUint8 t = TUint8.tensorOf(Shape.of(1, h, w, channels), DataBuffers.of(pixels));
                Result r = g.session.runner().feed(in, t).fetch(out).run()) {
            byte[] bytes = new byte[(int) r.get(0).shape().size()];
            r.get(0).asRawTensor().data().read(bytes);
            return bytes;
        }
    }
}
