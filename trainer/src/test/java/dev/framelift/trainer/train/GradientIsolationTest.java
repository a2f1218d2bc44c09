package dev.framelift.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

import dev.framelift.trainer.model.Generator;
import dev.framelift.trainer.model.TrainingTask;

class GradientIsolationTest {
    static List<float[]> values(TrainingGraph g, List<Variable<TFloat32>> vars) {
        var runner = g.session.runner();
        vars.forEach(runner::fetch);
        List<float[]> out = new ArrayList<>();
        try (Result r = runner.run()) {
            for (int i = 0; i < vars.size(); i++) {
                TFloat32 t = (TFloat32) r.get(i);
                float[] f = new float[(int) t.shape().size()];
                t.asRawTensor().data().asFloats().read(f);
                out.add(f);
            }
        }
        return out;
    }

    static int changed(List<float[]> before, List<float[]> after) {
        int n = 0;
        for (int i = 0; i < before.size(); i++) {
            if (!java.util.Arrays.equals(before.get(i), after.get(i))) {
                n++;
            }
        }
        return n;
    }

    @Test
    void shouldStepOnlyItsOwnNetworkAndReachEveryOwnVariable() {
        byte[][] batch = TrainingGraphTest.srBatch(2, 32, 2, 3);
        try (TrainingGraph g = new TrainingGraph(TrainingTask.SR_X2.generator("fast"), 1, TrainingGraphTest.CONFIG);
                TUint8 in = TUint8.tensorOf(Shape.of(2, 16, 16, 3), DataBuffers.of(batch[0]));
                TUint8 truth = TUint8.tensorOf(Shape.of(2, 32, 32, 3), DataBuffers.of(batch[1]));
                TFloat32 lr = TFloat32.scalarOf(1e-3f);
                TFloat32 w = TFloat32.scalarOf(1e-3f)) {
            g.session.initialize();
            // every generator variable gets a nonzero gradient from the adversarial G loss
            Ops tf = Ops.create(g.graph);
            List<Operand<TFloat32>> grads = TrainingGraph.gradients(tf, g.gLossGan, g.gVars);
            var runner = g.session.runner().feed(g.lrImages, in).feed(g.truth, truth).feed(g.advWeight, w);
            grads.forEach(runner::fetch);
            try (Result r = runner.run()) {
                for (int i = 0; i < grads.size(); i++) {
                    TFloat32 t = (TFloat32) r.get(i);
                    float[] f = new float[(int) t.shape().size()];
                    t.asRawTensor().data().asFloats().read(f);
                    double norm = 0;
                    for (float v : f) {
                        norm += Math.abs(v);
                    }
                    assertThat(norm).as("gradient of %s", g.gVars.get(i).op().name()).isGreaterThan(0);
                }
            }

            List<float[]> g0 = values(g, g.gVars);
            List<float[]> d0 = values(g, g.dVars);
            g.session.runner().feed(g.lrImages, in).feed(g.truth, truth).feed(g.lrG, lr).feed(g.advWeight, w)
                    .addTarget(g.gStepGan).run().close();
            List<float[]> g1 = values(g, g.gVars);
            List<float[]> d1 = values(g, g.dVars);
            assertThat(changed(g0, g1)).isEqualTo(g.gVars.size());
            assertThat(changed(d0, d1)).isZero();

            g.session.runner().feed(g.lrImages, in).feed(g.truth, truth).feed(g.lrD, lr)
                    .addTarget(g.dStep).run().close();
            assertThat(changed(g1, values(g, g.gVars))).isZero();
            assertThat(changed(d1, values(g, g.dVars))).isEqualTo(g.dVars.size());
        }
    }
}
