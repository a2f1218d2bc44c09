package dev.framelift.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

import dev.framelift.trainer.data.Resampler;
import dev.framelift.trainer.model.Generator;
import dev.framelift.trainer.model.TrainingTask;

class TrainingGraphTest {
    static final ConfigProto CONFIG = ConfigProto.newBuilder().setIntraOpParallelismThreads(2)
            .setInterOpParallelismThreads(1).build();

    /** A smooth random image batch: HR truth plus its bicubic LR. */
    static byte[][] srBatch(int n, int hr, int scale, long seed) {
        Random rnd = new Random(seed);
        int lr = hr / scale;
        byte[] truth = new byte[n * hr * hr * 3];
        byte[] input = new byte[n * lr * lr * 3];
        for (int i = 0; i < n; i++) {
            byte[] img = new byte[hr * hr * 3];
            double fx = 0.2 + rnd.nextDouble() * 0.8;
            double fy = 0.2 + rnd.nextDouble() * 0.8;
            for (int y = 0; y < hr; y++) {
                for (int x = 0; x < hr; x++) {
                    for (int c = 0; c < 3; c++) {
                        img[(y * hr + x) * 3 + c] = (byte) (128 + 100 * Math.sin(fx * x + c) * Math.cos(fy * y));
                    }
                }
            }
            System.arraycopy(img, 0, truth, i * img.length, img.length);
            byte[] small = Resampler.resizeBicubic(img, hr, hr, 3, lr, lr);
            System.arraycopy(small, 0, input, i * small.length, small.length);
        }
        return new byte[][] {input, truth};
    }

    static float run(TrainingGraph g, byte[][] batch, int n, int hr, int scale, String phase) {
        int lr = hr / scale;
        try (TUint8 in = TUint8.tensorOf(Shape.of(n, lr, lr, 3), DataBuffers.of(batch[0]));
                TUint8 tr = TUint8.tensorOf(Shape.of(n, hr, hr, 3), DataBuffers.of(batch[1]));
                // the rate the deep networks train at after warm-up; at 3e-3 the fast network
                // sometimes diverged within 30 steps (TensorFlow's threaded sums differ run to run)
                TFloat32 rate = TFloat32.scalarOf(1e-3f);
                TFloat32 w = TFloat32.scalarOf(1e-3f)) {
            var runner = g.session.runner().feed(g.lrImages, in).feed(g.truth, tr).feed(g.lrG, rate)
                    .feed(g.lrD, rate).feed(g.advWeight, w).fetch(g.l1);
            if (phase.equals("gan")) {
                g.session.runner().feed(g.lrImages, in).feed(g.truth, tr).feed(g.lrD, rate).addTarget(g.dStep).run().close();
                runner.addTarget(g.gStepGan);
            } else {
                runner.addTarget(g.gStepL1);
            }
            try (Result r = runner.run()) {
                return ((TFloat32) r.get(0)).getFloat();
            }
        }
    }

    @Test
    void shouldReduceL1LossInAFewSteps() {
        Generator gen = TrainingTask.SR_X2.generator("fast");
        byte[][] batch = srBatch(4, 32, 2, 1);
        try (TrainingGraph g = new TrainingGraph(gen, 7, CONFIG)) {
            float first = run(g, batch, 4, 32, 2, "l1");
            float last = first;
            for (int i = 0; i < 30; i++) {
                last = run(g, batch, 4, 32, 2, "l1");
            }
            assertThat(last).isLessThan(first * 0.9f);
            float gan = run(g, batch, 4, 32, 2, "gan");
            assertThat(gan).isFinite();
        }
    }
}
