package dev.framelift.trainer.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

import dev.framelift.trainer.data.Batch;
import dev.framelift.trainer.model.Discriminator;
import dev.framelift.trainer.model.Generator;
import dev.framelift.trainer.model.Weights;

/**
 * The whole training graph and its session.
 *
 * <ul>
 * <li>generator (scope {@value #GENERATOR}) on the {@code lr_images} batch; its training loss
 * ({@link Generator#trainingLoss}, L1 unless the generator says otherwise) against {@code truth}
 * in the generator's working space;</li>
 * <li>discriminator (scope {@value #DISCRIMINATOR}) on real and generated views; non-saturating
 * logistic losses; adversarial generator loss = L1 + {@code adv_weight} x adversarial;</li>
 * <li>three update ops: {@link #gStepL1}, {@link #gStepGan} (gradients w.r.t. generator
 * variables only, Adam {@code adam_g}) and {@link #dStep} (discriminator variables only, Adam
 * {@code adam_d});</li>
 * <li>an exponential moving average of the generator, a second generator with the same layer
 * names under scope {@value #AVERAGE}, applied to {@code val_images}: the network that is
 * validated and exported.</li>
 * </ul>
 *
 * <p>Owns its {@link Graph} and {@link Session}; {@link #close()} closes both. Use from one
 * thread.
 */
public final class TrainingGraph implements AutoCloseable {
    public static final String GENERATOR = "generator";
    public static final String DISCRIMINATOR = "discriminator";
    /** Scope of the weight-averaged generator, the one exported. */
    public static final String AVERAGE = "ema";

    public final Graph graph;
    public final Session session;
    public final Generator generator;
    public final Placeholder<TUint8> lrImages;
    public final Placeholder<TUint8> truth;
    public final Placeholder<TUint8> valImages;
    public final Placeholder<TFloat32> lrG;
    public final Placeholder<TFloat32> lrD;
    public final Placeholder<TFloat32> advWeight;
    public final Placeholder<TFloat32> emaDecay;
    public final Operand<TFloat32> l1;
    public final Operand<TFloat32> gAdv;
    public final Operand<TFloat32> dLoss;
    public final Operand<TUint8> trainEnhanced;
    public final Operand<TUint8> averageEnhanced;
    public final Op gStepL1;
    public final Op gStepGan;
    public final Op dStep;
    public final Op emaUpdate;
    public final List<Variable<TFloat32>> gVars;
    public final List<Variable<TFloat32>> dVars;
    /** The adversarial generator loss (L1 + weighted adversarial). */
    public final Operand<TFloat32> gLossGan;
    public final long generatorParameters;
    /**
     * Assignments of the weight-averaged generator's calibration constants
     * ({@link Generator#calibration()}), by name; each assigns {@link #calibrationValue}.
     */
    public final Map<String, Op> setCalibration;
    /** The value the {@link #setCalibration} ops assign. */
    public final Placeholder<TFloat32> calibrationValue;

    public TrainingGraph(Generator gen, long seed, ConfigProto config) {
        this.generator = gen;
        graph = new Graph();
        try {
            final Ops tf = Ops.create(graph);
            final Shape nhwcIn = Shape.of(-1, -1, -1, gen.inputChannels());
            lrImages = tf.withName("lr_images").placeholder(TUint8.class, Placeholder.shape(nhwcIn));
            truth = tf.withName("truth").placeholder(TUint8.class, Placeholder.shape(Shape.of(-1, -1, -1, 3)));
            valImages = tf.withName("val_images").placeholder(TUint8.class, Placeholder.shape(nhwcIn));
            lrG = tf.withName("lr_g").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
            lrD = tf.withName("lr_d").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
            advWeight = tf.withName("adv_weight").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
            emaDecay = tf.withName("ema_decay").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));

            final Weights gw = new Weights(tf, GENERATOR, seed, true);
            final Generator.Built built = gen.build(lrImages, gw);
            trainEnhanced = built.enhanced();
            gVars = gw.variables();
            generatorParameters = gw.parameterCount();
            final Operand<TFloat32> target = gen.targetSpace(tf, truth);
            l1 = gen.trainingLoss(tf, built, target);

            final Weights dw = new Weights(tf, DISCRIMINATOR, seed + 1, true);
            final Operand<TFloat32> realLogits = Discriminator.logits(dw, gen.criticView(tf, built, target), gen.criticChannels());
            final Operand<TFloat32> fakeLogits = Discriminator.logits(dw, gen.criticView(tf, built, built.prediction()),
                    gen.criticChannels());
            dVars = dw.variables();
            // -log(sigmoid(x)) = softplus(-x); -log(1 - sigmoid(x)) = softplus(x)
            dLoss = tf.math.add(meanSoftplus(tf, tf.math.neg(realLogits)), meanSoftplus(tf, fakeLogits));
            gAdv = meanSoftplus(tf, tf.math.neg(fakeLogits));
            gLossGan = tf.math.add(l1, tf.math.mul(advWeight, gAdv));

            final AdamStep adamG = new AdamStep(tf, "adam_g", gVars);
            final AdamStep adamD = new AdamStep(tf, "adam_d", dVars);
            gStepL1 = adamG.apply(gradients(tf, l1, gVars), lrG);
            gStepGan = adamG.apply(gradients(tf, gLossGan, gVars), lrG);
            dStep = adamD.apply(gradients(tf, dLoss, dVars), lrD);

            final Weights ew = new Weights(tf, AVERAGE, seed, true);
            averageEnhanced = gen.inference(valImages, ew);
            final List<Variable<TFloat32>> eVars = ew.variables();
            final List<Op> assigns = new ArrayList<>();
            final Operand<TFloat32> keep = tf.math.sub(tf.constant(1f), emaDecay);
            for (int i = 0; i < gVars.size(); i++) {
                final Variable<TFloat32> e = eVars.get(i);
                assigns.add(tf.assignAdd(e, tf.math.mul(keep, tf.math.sub(gVars.get(i), e))));
            }
            emaUpdate = tf.withControlDependencies(assigns).noOp();
            calibrationValue = tf.withName("calibration_value").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
            final Map<String, Op> setters = new LinkedHashMap<>();
            for (String name : gen.calibration().keySet()) {
                final String[] parts = name.split("/");
                setters.put(name, tf.assign(ew.fixedVariable(parts[0], parts[1]), calibrationValue));
            }
            setCalibration = Map.copyOf(setters);
            session = new Session(graph, config);
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    /**
     * The losses of one {@link #step}: the generator's training loss, and in the GAN phase its
     * adversarial loss and the discriminator's (NaN in the L1 phase).
     */
    public record StepLosses(float l1, float adversarial, float discriminator) {
    }

    /**
     * One optimisation step on {@code batch}: in the GAN phase a discriminator step, then a
     * generator step on L1 plus {@code adversarialWeight} x adversarial; in the L1 phase a
     * generator step on L1 alone. Then the weight average moves towards the new weights by
     * 1 - {@code averageDecay}.
     */
    public StepLosses step(Batch batch, float learningRate, float averageDecay, float adversarialWeight, boolean gan) {
        try (TUint8 in = TUint8.tensorOf(Shape.of(batch.inputShape()), DataBuffers.of(batch.inputs()));
                TUint8 target = TUint8.tensorOf(Shape.of(batch.targetShape()), DataBuffers.of(batch.targets()));
                TFloat32 rate = TFloat32.scalarOf(learningRate);
                TFloat32 weight = TFloat32.scalarOf(adversarialWeight);
                TFloat32 decay = TFloat32.scalarOf(averageDecay)) {
            float d = Float.NaN;
            if (gan) {
                try (Result r = session.runner().feed(lrImages, in).feed(truth, target).feed(lrD, rate)
                        .addTarget(dStep).fetch(dLoss).run()) {
                    d = ((TFloat32) r.get(0)).getFloat();
                }
            }
            final var runner = session.runner().feed(lrImages, in).feed(truth, target).feed(lrG, rate).fetch(l1);
            if (gan) {
                runner.feed(advWeight, weight).addTarget(gStepGan).fetch(gAdv);
            } else {
                runner.addTarget(gStepL1);
            }
            final float loss;
            float a = Float.NaN;
            try (Result r = runner.run()) {
                loss = ((TFloat32) r.get(0)).getFloat();
                if (gan) {
                    a = ((TFloat32) r.get(1)).getFloat();
                }
            }
            session.runner().feed(emaDecay, decay).addTarget(emaUpdate).run().close();
            return new StepLosses(loss, a, d);
        }
    }

    /** The weight-averaged generator's output for the uint8 NHWC batch {@code input} of {@code shape}. */
    public byte[] enhanceWithAverage(byte[] input, long[] shape) {
        try (TUint8 in = TUint8.tensorOf(Shape.of(shape), DataBuffers.of(input));
                Result r = session.runner().feed(valImages, in).fetch(averageEnhanced).run()) {
            final Tensor out = r.get(0);
            final byte[] bytes = new byte[(int) out.shape().size()];
            out.asRawTensor().data().read(bytes);
            return bytes;
        }
    }

    private static Operand<TFloat32> meanSoftplus(Ops tf, Operand<TFloat32> x) {
        final Operand<TFloat32> sp = tf.math.add(tf.nn.relu(x), tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(x)))));
        return tf.math.mean(sp, tf.constant(new int[] {0, 1, 2, 3}));
    }

    /** d loss / d var for each var, in order. */
    public static List<Operand<TFloat32>> gradients(Ops tf, Operand<TFloat32> loss, List<Variable<TFloat32>> vars) {
        final var grads = tf.gradients(loss, vars);
        final List<Operand<TFloat32>> out = new ArrayList<>();
        for (int i = 0; i < vars.size(); i++) {
            out.add(grads.<TFloat32>dy(i));
        }
        return out;
    }

    @Override
    public void close() {
        try {
            session.close();
        } finally {
            graph.close();
        }
    }
}
