package dev.framelift.trainer.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

import dev.framelift.model.Image;
import dev.framelift.model.artifact.DeterministicZip;
import dev.framelift.model.artifact.Sha256;
import dev.framelift.model.runtime.ContractModel;
import dev.framelift.schema.ModelCard;
import dev.framelift.schema.ModelCardJson;
import dev.framelift.trainer.model.Generator;
import dev.framelift.trainer.train.TrainingGraph;
import dev.framelift.trainer.model.TrainingTask;

class ExportParityTest {
    static final ConfigProto CONFIG = ConfigProto.newBuilder().setIntraOpParallelismThreads(2)
            .setInterOpParallelismThreads(1).build();

    static byte[] noise(int n, long seed) {
        byte[] b = new byte[n];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    static byte[] fetch(TrainingGraph g, org.tensorflow.Operand<TUint8> out, org.tensorflow.Operand<TUint8> feedOp,
            byte[] input, long[] shape) {
        try (TUint8 in = TUint8.tensorOf(Shape.of(shape), DataBuffers.of(input));
                Result r = g.session.runner().feed(feedOp, in).fetch(out).run()) {
            byte[] bytes = new byte[(int) r.get(0).shape().size()];
            r.get(0).asRawTensor().data().read(bytes);
            return bytes;
        }
    }

    @Test
    void shouldServeExactlyWhatTheTrainingGraphComputes(@TempDir Path dir) throws IOException {
        for (TrainingTask task : new TrainingTask[] {TrainingTask.SR_X2, TrainingTask.COLORIZE}) {
            Generator gen = task.generator("fast");
            int cin = gen.inputChannels();
            int s = gen.scale();
            try (TrainingGraph g = new TrainingGraph(gen, 4, CONFIG)) {
                g.session.initialize();
                // a few updates so that trained and averaged weights differ from their initial values
                byte[] in = noise(2 * 16 * 16 * cin, 1);
                byte[] truth = noise(2 * 16 * s * 16 * s * 3, 2);
                try (TUint8 a = TUint8.tensorOf(Shape.of(2, 16, 16, cin), DataBuffers.of(in));
                        TUint8 b = TUint8.tensorOf(Shape.of(2, 16 * s, 16 * s, 3), DataBuffers.of(truth));
                        TFloat32 lr = TFloat32.scalarOf(1e-3f);
                        TFloat32 decay = TFloat32.scalarOf(0.5f)) {
                    for (int i = 0; i < 3; i++) {
                        g.session.runner().feed(g.lrImages, a).feed(g.truth, b).feed(g.lrG, lr).addTarget(g.gStepL1).run().close();
                        g.session.runner().feed(g.emaDecay, decay).addTarget(g.emaUpdate).run().close();
                    }
                }
                Path ckpt = dir.resolve(task + "-ckpt");
                g.session.save(ckpt.resolve("ckpt").toString());
                Path model = dir.resolve(task + "-model");
                long params = ModelExporter.exportSavedModel(gen, TrainingGraph.AVERAGE, ckpt.resolve("ckpt"), model, CONFIG);
                assertThat(params).isEqualTo(g.generatorParameters);
                ModelExporter.writeCard(gen, params, model,
                        new ModelExporter.CardInfo(task + "-test", "faithful", "noise", "test", Map.of("m", 1.0), Map.of("m", 0.5),
                                "noise"));

                // odd sizes: the export must accept any H x W
                long[] shape = {1, 19, 23, cin};
                byte[] probe = noise(19 * 23 * cin, 3);
                byte[] expected = fetch(g, g.averageEnhanced, g.valImages, probe, shape);
                try (ContractModel m = ContractModel.load(model, CONFIG)) {
                    Image out = m.enhance(new Image(23, 19, cin, probe));
                    assertThat(out.pixels()).isEqualTo(expected);
                    assertThat(new int[] {out.height(), out.width()}).containsExactly(19 * s, 23 * s);
                }
                ModelCard card = ModelCardJson.read(model);
                assertThat(card.getTask()).isEqualTo(task.id());
                assertThat(card.getScale()).isEqualTo(s);
                assertThat(card.getInputChannels()).isEqualTo(cin);
                assertThat(card.getSha256()).isEqualTo(Sha256.hex(DeterministicZip.zip(model)));
                assertThat(card.getValidationData()).isEqualTo("noise");
            }
        }
    }
}
