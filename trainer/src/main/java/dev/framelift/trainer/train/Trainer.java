package dev.framelift.trainer.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

import dev.framelift.schema.ModelCard;
import dev.framelift.trainer.data.Batch;
import dev.framelift.trainer.data.BatchSource;
import dev.framelift.trainer.data.Degradation;
import dev.framelift.trainer.data.PhotoCache;
import dev.framelift.trainer.data.PhotoSet;
import dev.framelift.trainer.data.RgbImage;
import dev.framelift.trainer.data.SourceHoldout;
import dev.framelift.trainer.model.Generator;
import dev.framelift.trainer.model.TrainingTask;

/**
 * Runs one training job end to end: data, L1 phase, GAN phase, validation and best-checkpoint
 * tracking, periodic and Ctrl-C checkpoints ({@link CheckpointStore}), a colorizer's
 * calibration ({@link ChromaCalibration}), and the export of the best weight-averaged generator
 * with its report ({@link RunExport}). This class is the training loop itself.
 *
 * <p>Learning rate: linear warm-up ({@link TrainConfig#warmup()}), then cosine decay to 2% over the L1 phase;
 * constant {@code ganLearningRate} for both networks in the GAN phase. Weight average decay:
 * 0.999 (with the usual (1+t)/(10+t) warm-up) in the L1 phase, 0.995 in the shorter GAN phase.
 * The best checkpoint is tracked per phase and the exported one is the best of the last phase
 * that ran, so a requested adversarial fine-tune is what ships.
 *
 * <p>Not reusable: one instance per {@link #run()}.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    private static final int LOG_EVERY = 10;

    /** The run's settings; a time budget replaces its step counts once the speed is measured. */
    private TrainConfig c;
    private Path initFrom;
    private WeightBlend blend;
    private Duration budget;
    private final ProgressBar progress;
    private volatile boolean stopRequested;
    private long stopAt = Long.MAX_VALUE;
    private final Map<String, Double> fixedCalibration = new HashMap<>();
    private CheckpointStore store;

    public Trainer(TrainConfig config, ProgressBar progress) {
        this.c = config;
        this.progress = progress;
    }

    /** Asks the loop to checkpoint and return at the next step boundary. */
    public void requestStop() {
        stopRequested = true;
    }

    /** Stops (as Ctrl-C would) once {@code step} steps are done; for tests of resuming. */
    void stopAt(long step) {
        this.stopAt = step;
    }

    /**
     * Uses this value for a calibration constant ({@link Generator#calibration()}, e.g.
     * {@code chroma/gain}) instead of calibrating it.
     */
    public void fixCalibration(String name, double value) {
        fixedCalibration.put(name, value);
    }

    /**
     * Starts from the weights of the exported model in {@code modelDir} (fine-tuning) instead of
     * random ones; its task must be the run's, or for super-resolution one of another scale (see
     * {@link InitFromModel}), its architecture the one {@link #architectureOf} gives.
     */
    public void initFrom(Path modelDir) {
        this.initFrom = modelDir;
    }

    /**
     * With {@link #initFrom}: start from a weighted average of that model's weights and those of
     * {@code blend.dir()}, a model of the same architecture (see {@link WeightBlend}).
     */
    public void blendWith(WeightBlend blend) {
        this.blend = blend;
    }

    /** {@code fast}, {@code quality} or {@code bins}: what the exported model in {@code modelDir} is, for {@code --init}. */
    public static String architectureOf(Path modelDir, TrainingTask task) throws IOException {
        return InitFromModel.architectureOf(modelDir, task);
    }

    /** Trains for {@code budget} instead of the configured step counts (see {@link TimeBudget}). */
    public void timeBudget(Duration budget) {
        this.budget = budget;
    }

    /** Outcome of a run. */
    public record Outcome(long step, boolean completed, Path model, ModelCard card) {
    }

    public static ConfigProto sessionConfig(int threads) {
        return ConfigProto.newBuilder().setIntraOpParallelismThreads(Math.max(1, threads))
                .setInterOpParallelismThreads(1).build();
    }

    public Outcome run() throws IOException {
        store = new CheckpointStore(c.checkpoints());
        Files.createDirectories(c.checkpoints());
        Files.createDirectories(c.report());
        final PhotoSet set = c.holdout() != null ? PhotoSet.scan(c.data(), SourceHoldout.read(c.holdout()))
                : PhotoSet.scan(c.data(), c.seed(), c.split());
        if (c.resume()) {
            checkSameValidation(set);
        }
        set.writeValidationList(c.report());
        final Generator gen = c.task().generator(c.arch());
        final Degradation deg = c.task().degradation(c.realistic());
        final Predicate<RgbImage> keep = c.task()::learnsFrom;
        final long t0 = System.nanoTime();
        final PhotoCache.Loaded train = PhotoCache.load(set.train(), c.maxSide(), c.threads(), keep, true);
        final List<RgbImage> val = PhotoCache.load(set.validation(), c.maxSide(), c.threads(), keep);
        LOG.info("{} training photos, {} cutouts and {} validation photos cached in {} s", train.photos().size(),
                train.cutouts().size(), val.size(),
                (System.nanoTime() - t0) / 1_000_000_000L);
        final Validator validator = new Validator(c.task(), deg, val, c.seed(), objective(initFrom != null, c.holdout() != null));

        TrainState state = TrainState.fresh(c.seed());
        if (c.resume()) {
            final TrainState saved = store.state();
            if (saved == null) {
                LOG.warn("--resume: no {} in {}, starting from step 0", TrainState.FILE, c.checkpoints());
            } else if (saved.seed() != c.seed()) {
                throw new IllegalArgumentException("--resume with seed " + c.seed() + " but the run used " + saved.seed());
            } else {
                state = saved;
            }
        }
        final ConfigProto config = sessionConfig(c.threads());
        final Path exportCheckpoint;
        final Map<String, Double> calibrated;
        final CountDownLatch done = new CountDownLatch(1);
        final Thread hook = new Thread(() -> {
            requestStop();
            try {
                done.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "trainer-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (TrainingGraph g = new TrainingGraph(gen, c.seed(), config);
                BatchSource source = new BatchSource(train.photos(), train.cutouts(), c.zoomOut(), deg, c.batch(), c.patch(),
                        c.seed(),
                        state.step(), 1, 6);
                LossLog log = new LossLog(c.report().resolve("losses.csv"), state.step())) {
            if (state.step() > 0) {
                store.restore(g, state.checkpoint());
                LOG.info("resumed from {} at step {}", state.checkpoint(), state.step());
            } else {
                g.session.initialize();
                if (initFrom != null) {
                    final List<String> fresh = InitFromModel.apply(g, initFrom, blend);
                    LOG.info("initialised the generator and its average from {}{}{}", initFrom,
                            blend == null ? "" : " blended with " + blend.dir() + " at weight " + blend.weight(),
                            fresh.isEmpty() ? "" : ", except " + fresh + ", which start fresh (layers that model lacks or shapes otherwise)");
                }
            }
            LOG.info("generator {} with {} parameters; {} usable photos; {} validation crops", gen.architecture(),
                    g.generatorParameters, source.usablePhotos(), validator.size());
            state = loop(g, source, log, validator, state);
            final boolean completed = state.step() >= c.totalSteps();
            if (!completed) {
                LOG.info("stopped at step {}; continue with the same command plus --resume", state.step());
                return new Outcome(state.step(), false, null, null);
            }
            // the best checkpoint, with a colorizer's calibration constants set (a resumed finished run repeats only this and the export)
            final String chosen = store.bestOrLatest(state);
            if (g.setCalibration.isEmpty()) {
                calibrated = Map.of();
                exportCheckpoint = store.prefix(chosen);
            } else {
                store.restore(g, chosen);
                calibrated = new ChromaCalibration(fixedCalibration).calibrate(g, validator);
                store.save(g, CheckpointStore.EXPORT);
                exportCheckpoint = store.prefix(CheckpointStore.EXPORT);
            }
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: nothing to remove
            }
        }
        return new RunExport(c).export(gen, exportCheckpoint, state, set, validator, calibrated, config);
    }

    /**
     * Fidelity leads when fine-tuning on one camera's scene, whose colours are knowable; colour
     * within the fidelity bar otherwise, including a fine-tune on a photo collection with held-out
     * sources ({@code --init} with {@code --holdout}), which is about arbitrary photos again.
     */
    static Validator.Objective objective(boolean fineTune, boolean heldOutSources) {
        return fineTune && !heldOutSources ? Validator.Objective.FIDELITY : Validator.Objective.COLOURFULNESS;
    }

    /**
     * A resumed run must validate on the photos it started with, or it would train on some it
     * was validated on; {@code report/val.txt} is the record of them.
     */
    private void checkSameValidation(PhotoSet set) throws IOException {
        final Path listed = c.report().resolve(PhotoSet.VAL_LIST);
        if (!Files.isRegularFile(listed) || store.state() == null) {
            return;
        }
        final List<String> before = Files.readAllLines(listed).stream().filter(l -> !l.isBlank()).toList();
        final List<String> now = set.validation().stream().map(p -> set.root().relativize(p).toString()).toList();
        if (!before.equals(now)) {
            throw new IllegalArgumentException("--resume: this run validated on other photos (" + listed
                    + "); use the run's --data, --seed and --split (runs before --split existed used --split random)");
        }
    }

    private TrainState loop(TrainingGraph g, BatchSource source, LossLog log, Validator validator, TrainState start)
            throws IOException {
        TrainState state = start;
        long step = state.step();
        double sumL1 = 0;
        double sumAdv = 0;
        double sumD = 0;
        int n = 0;
        double lastVal = Double.NaN;
        final TimeBudget clock = budget == null ? null : new TimeBudget(budget, step);
        while (step < c.totalSteps() && !stopRequested && step < stopAt) {
            final boolean gan = step >= c.steps();
            final String phase = gan ? "gan" : "l1";
            final Batch b = source.next();
            final float[] losses = trainStep(g, b, step, gan);
            step++;
            sumL1 += losses[0];
            sumAdv += losses[1];
            sumD += losses[2];
            n++;
            double val = Double.NaN;
            final boolean phaseEnd = step == c.steps() || step == c.totalSteps();
            if (step % c.validateEvery() == 0 || phaseEnd) {
                final Validator.Score score = validator.evaluate((in, shape) -> enhanceAverage(g, in, shape));
                appendValidation(step, score);
                val = score.metric();
                lastVal = val;
                final boolean samePhase = phase.equals(state.bestPhase());
                if (!samePhase || val > state.bestMetric() || (gan && c.perceptual())) {
                    store.save(g, CheckpointStore.BEST);
                    state = new TrainState(state.step(), state.seed(), state.checkpoint(), phase, val, step);
                    LOG.debug("new best {} at step {}", val, step);
                }
            }
            if (step % LOG_EVERY == 0 || !Double.isNaN(val)) {
                log.append(step, phase, sumL1 / n, gan ? sumAdv / n : Double.NaN, gan ? sumD / n : Double.NaN, val);
                sumL1 = 0;
                sumAdv = 0;
                sumD = 0;
                n = 0;
            }
            progress.update(step, c.totalSteps(), phase, losses[0], gan ? losses[1] : Double.NaN,
                    gan ? losses[2] : Double.NaN, lastVal);
            if (step % c.checkpointEvery() == 0 || phaseEnd) {
                state = store.checkpoint(g, state, step);
            }
            if (clock != null) {
                c = clock.afterStep(step, c);
                if (clock.spent()) {
                    break;
                }
            }
        }
        if (step != state.step()) {
            state = store.checkpoint(g, state, step);
        }
        return state;
    }

    /**
     * {@code report/validation.csv}: every validation's metrics with the wall-clock time, for
     * the quality-against-training-time curve ({@code losses.csv} keeps only the selection metric).
     */
    private void appendValidation(long step, Validator.Score score) throws IOException {
        final Path file = c.report().resolve("validation.csv");
        final StringBuilder sb = new StringBuilder();
        if (!Files.exists(file)) {
            sb.append("step,unix_seconds,").append(String.join(",", score.metrics().keySet())).append('\n');
        }
        sb.append(step).append(',').append(System.currentTimeMillis() / 1000);
        for (double v : score.metrics().values()) {
            sb.append(',').append(String.format(Locale.ROOT, "%.6g", v));
        }
        Files.writeString(file, sb.append('\n').toString(), java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    private float[] trainStep(TrainingGraph g, Batch b, long step, boolean gan) {
        final float lr = learningRate(step);
        final float decay = gan ? 0.995f : Math.min(0.999f, (1f + step) / (10f + step));
        try (TUint8 in = TUint8.tensorOf(Shape.of(b.inputShape()), DataBuffers.of(b.inputs()));
                TUint8 truth = TUint8.tensorOf(Shape.of(b.targetShape()), DataBuffers.of(b.targets()));
                TFloat32 lrT = TFloat32.scalarOf(lr);
                TFloat32 adv = TFloat32.scalarOf(c.advWeight());
                TFloat32 ema = TFloat32.scalarOf(decay)) {
            float d = Float.NaN;
            if (gan) {
                try (Result r = g.session.runner().feed(g.lrImages, in).feed(g.truth, truth).feed(g.lrD, lrT)
                        .addTarget(g.dStep).fetch(g.dLoss).run()) {
                    d = ((TFloat32) r.get(0)).getFloat();
                }
            }
            final var runner = g.session.runner().feed(g.lrImages, in).feed(g.truth, truth).feed(g.lrG, lrT)
                    .fetch(g.l1);
            if (gan) {
                runner.feed(g.advWeight, adv).addTarget(g.gStepGan).fetch(g.gAdv);
            } else {
                runner.addTarget(g.gStepL1);
            }
            final float l1;
            float a = Float.NaN;
            try (Result r = runner.run()) {
                l1 = ((TFloat32) r.get(0)).getFloat();
                if (gan) {
                    a = ((TFloat32) r.get(1)).getFloat();
                }
            }
            g.session.runner().feed(g.emaDecay, ema).addTarget(g.emaUpdate).run().close();
            return new float[] {l1, a, d};
        }
    }

    /** The learning rate of a step (see the class comment). */
    float learningRate(long step) {
        if (step >= c.steps()) {
            return c.ganLearningRate();
        }
        final int warm = c.warmup();
        if (step < warm) {
            return c.learningRate() * (step + 1) / warm;
        }
        final double t = (double) (step - warm) / Math.max(1, c.steps() - warm);
        final double min = 0.02;
        return (float) (c.learningRate() * (min + (1 - min) * 0.5 * (1 + Math.cos(Math.PI * t))));
    }

    static byte[] enhanceAverage(TrainingGraph g, byte[] input, long[] shape) {
        try (TUint8 in = TUint8.tensorOf(Shape.of(shape), DataBuffers.of(input));
                Result r = g.session.runner().feed(g.valImages, in).fetch(g.averageEnhanced).run()) {
            final Tensor out = r.get(0);
            final byte[] bytes = new byte[(int) out.shape().size()];
            out.asRawTensor().data().read(bytes);
            return bytes;
        }
    }
}
