package dev.framelift.trainer.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.proto.ConfigProto;

import dev.framelift.schema.ModelCard;
import dev.framelift.trainer.data.BatchSource;
import dev.framelift.trainer.data.Degradation;
import dev.framelift.trainer.data.PhotoCache;
import dev.framelift.trainer.data.PhotoSet;
import dev.framelift.trainer.data.RgbImage;
import dev.framelift.trainer.data.SourceBalance;
import dev.framelift.trainer.data.SourceHoldout;
import dev.framelift.trainer.model.Generator;
import dev.framelift.trainer.model.TrainingTask;

/**
 * Runs one training job end to end: data, L1 phase, GAN phase, validation and best-checkpoint
 * tracking, periodic and Ctrl-C checkpoints ({@link CheckpointStore}), a colorizer's
 * calibration ({@link ChromaCalibration}), and the export of the best weight-averaged generator
 * with its report ({@link RunExport}). This class is the training loop itself.
 *
 * <p>Each step is {@link TrainingGraph#step} at the schedules {@link TrainConfig#learningRateAt}
 * and {@link TrainConfig#averageDecayAt}; every validation is appended to {@link ValidationLog}
 * and every tenth step's mean losses to {@link LossLog}. The best checkpoint is tracked per
 * phase and the exported one is the best of the last phase that ran, so a requested
 * adversarial fine-tune is what ships.
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
    private boolean balanceSources;
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

    /**
     * Draws training photos weighted by {@link SourceBalance#inverseSqrt} of their sources (the
     * prefix of their file names, as {@link SourceHoldout} reads it) instead of uniformly.
     */
    public void balanceSources(boolean balance) {
        this.balanceSources = balance;
    }

    /** Outcome of a run. */
    public record Outcome(long step, boolean completed, Path model, ModelCard card) {
    }

    /** The draw weights of the training photos and cutouts by source, with the largest sources' shares logged. */
    private double[] sourceWeights(PhotoCache.Loaded train) {
        final List<String> sources = Stream.concat(train.photoFiles().stream(), train.cutoutFiles().stream())
                .map(f -> SourceHoldout.sourceOf(c.data(), f)).toList();
        final double[] weights = SourceBalance.inverseSqrt(sources);
        final double[] uniform = new double[weights.length];
        Arrays.fill(uniform, 1);
        LOG.info("sources balanced: the largest shares of the crops are {} (drawn uniformly: {})",
                SourceBalance.shares(sources, weights, 5), SourceBalance.shares(sources, uniform, 5));
        return weights;
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
        final Generator gen = c.task().generator(c.arch(), initFrom);
        final Degradation deg = c.task().degradation(c.realistic());
        final Predicate<RgbImage> keep = c.task()::learnsFrom;
        final long t0 = System.nanoTime();
        final PhotoCache.Loaded train = PhotoCache.load(set.train(), c.maxSide(), c.threads(), keep, true);
        final List<RgbImage> val = PhotoCache.load(set.validation(), c.maxSide(), c.threads(), keep);
        LOG.info("{} training photos, {} cutouts and {} validation photos cached in {} s", train.photos().size(),
                train.cutouts().size(), val.size(),
                (System.nanoTime() - t0) / 1_000_000_000L);
        final Validator validator = new Validator(c.task(), deg, val, c.seed(), objective(initFrom != null, c.holdout() != null));
        final double[] weights = balanceSources ? sourceWeights(train) : null;

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
                BatchSource source = new BatchSource(train.photos(), train.cutouts(), weights, c.zoomOut(), deg, c.batch(), c.patch(),
                        c.seed(),
                        state.step(), 1, 6);
                LossLog log = new LossLog(c.report().resolve("losses.csv"), state.step())) {
            final ValidationLog validations = new ValidationLog(c.report(), state.step());
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
            state = loop(g, source, new Logs(log, validations), validator, state);
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

    /** Where the loop writes its history. */
    private record Logs(LossLog losses, ValidationLog validations) {
    }

    private TrainState loop(TrainingGraph g, BatchSource source, Logs logs, Validator validator, TrainState start)
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
            final TrainingGraph.StepLosses losses = g.step(source.next(), c.learningRateAt(step), c.averageDecayAt(step),
                    c.advWeight(), gan);
            step++;
            sumL1 += losses.l1();
            sumAdv += losses.adversarial();
            sumD += losses.discriminator();
            n++;
            double val = Double.NaN;
            final boolean phaseEnd = step == c.steps() || step == c.totalSteps();
            if (step % c.validateEvery() == 0 || phaseEnd) {
                final Validator.Score score = validator.evaluate(g::enhanceWithAverage);
                logs.validations().append(step, score);
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
                logs.losses().append(step, phase, sumL1 / n, gan ? sumAdv / n : Double.NaN, gan ? sumD / n : Double.NaN, val);
                sumL1 = 0;
                sumAdv = 0;
                sumD = 0;
                n = 0;
            }
            progress.update(step, c.totalSteps(), phase, losses.l1(), losses.adversarial(), losses.discriminator(), lastVal);
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
}
