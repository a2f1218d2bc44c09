package dev.framelift.trainer.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
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

import dev.framelift.model.artifact.Sha256;
import dev.framelift.model.runtime.ContractModel;
import dev.framelift.model.runtime.TensorPacking;
import dev.framelift.schema.ModelCard;
import dev.framelift.trainer.data.Batch;
import dev.framelift.trainer.data.BatchSource;
import dev.framelift.trainer.data.Degradation;
import dev.framelift.trainer.data.LumaDegradation;
import dev.framelift.trainer.data.PhotoCache;
import dev.framelift.trainer.data.PhotoSet;
import dev.framelift.trainer.data.RgbImage;
import dev.framelift.trainer.data.SourceHoldout;
import dev.framelift.trainer.eval.EvalOptions;
import dev.framelift.trainer.eval.EvaluationResult;
import dev.framelift.trainer.eval.Evaluator;
import dev.framelift.trainer.eval.ResultTable;
import dev.framelift.trainer.export.FileTrees;
import dev.framelift.trainer.export.ModelExporter;
import dev.framelift.trainer.model.Generator;
import dev.framelift.trainer.report.ContactSheet;
import dev.framelift.trainer.report.LossChart;
import dev.framelift.trainer.report.MetricsJson;

/**
 * Runs one training job end to end: data, L1 phase, GAN phase, validation and best-checkpoint
 * tracking, periodic and Ctrl-C checkpoints, export of the best weight-averaged generator.
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
    private Duration budget;
    private final ProgressBar progress;
    private volatile boolean stopRequested;
    private long stopAt = Long.MAX_VALUE;
    private final java.util.Map<String, Double> fixedCalibration = new java.util.HashMap<>();
    private final java.util.Map<String, Double> calibrated = new java.util.LinkedHashMap<>();

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
     * random ones; its task must be the run's, its architecture the one {@link #architectureOf} gives.
     */
    public void initFrom(Path modelDir) {
        this.initFrom = modelDir;
    }

    /** {@code fast}, {@code quality} or {@code bins}: what the exported model in {@code modelDir} is, for {@code --init}. */
    public static String architectureOf(Path modelDir, String task) throws IOException {
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
        Files.createDirectories(c.checkpoints());
        Files.createDirectories(c.report());
        PhotoSet set = c.holdout() != null ? PhotoSet.scan(c.data(), SourceHoldout.read(c.holdout()))
                : PhotoSet.scan(c.data(), c.seed(), c.split());
        if (c.resume()) {
            checkSameValidation(set);
        }
        set.writeValidationList(c.report());
        Generator gen = Generator.of(c.task(), c.arch());
        Degradation deg = Degradation.forTask(c.task(), c.realistic());
        Predicate<RgbImage> keep = c.task().equals("colorize") ? img -> img.chromaStd() >= LumaDegradation.GRAY_CHROMA_STD
                : img -> true;
        long t0 = System.nanoTime();
        PhotoCache.Loaded train = PhotoCache.load(set.train(), c.maxSide(), c.threads(), keep, true);
        List<RgbImage> val = PhotoCache.load(set.validation(), c.maxSide(), c.threads(), keep);
        LOG.info("{} training photos, {} cutouts and {} validation photos cached in {} s", train.photos().size(),
                train.cutouts().size(), val.size(),
                (System.nanoTime() - t0) / 1_000_000_000L);
        // fine-tuning on one camera's scene: its colours are knowable, so fidelity leads (see Validator.Objective)
        Validator validator = new Validator(c.task(), deg, val, c.seed(),
                initFrom != null ? Validator.Objective.FIDELITY : Validator.Objective.COLOURFULNESS);

        TrainState state = TrainState.fresh(c.seed());
        if (c.resume()) {
            TrainState saved = TrainState.read(c.checkpoints());
            if (saved == null) {
                LOG.warn("--resume: no {} in {}, starting from step 0", TrainState.FILE, c.checkpoints());
            } else if (saved.seed() != c.seed()) {
                throw new IllegalArgumentException("--resume with seed " + c.seed() + " but the run used " + saved.seed());
            } else {
                state = saved;
            }
        }
        ConfigProto config = sessionConfig(c.threads());
        Path exportCheckpoint;
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
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
                g.session.restore(c.checkpoints().resolve(state.checkpoint()).resolve("ckpt").toString());
                LOG.info("resumed from {} at step {}", state.checkpoint(), state.step());
            } else {
                g.session.initialize();
                if (initFrom != null) {
                    InitFromModel.apply(g, initFrom);
                    LOG.info("initialised the generator and its average from {}", initFrom);
                }
            }
            LOG.info("generator {} with {} parameters; {} usable photos; {} validation crops", gen.architecture(),
                    g.generatorParameters, source.usablePhotos(), validator.size());
            state = loop(g, source, log, validator, state);
            boolean completed = state.step() >= c.totalSteps();
            if (!completed) {
                LOG.info("stopped at step {}; continue with the same command plus --resume", state.step());
                return new Outcome(state.step(), false, null, null);
            }
            exportCheckpoint = calibrate(g, validator, state);
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: nothing to remove
            }
        }
        return export(gen, exportCheckpoint, state, set, validator, config);
    }

    /**
     * The checkpoint to export: the best one, with its calibration constants (colorization) set,
     * one after the other, to the value that maximises the validation score, unless fixed.
     * Resuming a finished run repeats only this calibration and the export.
     */
    private Path calibrate(TrainingGraph g, Validator validator, TrainState state) throws IOException {
        Path best = c.checkpoints().resolve("best");
        if (!Files.exists(best)) {
            best = c.checkpoints().resolve(state.checkpoint());
        }
        if (g.setCalibration.isEmpty()) {
            return best.resolve("ckpt");
        }
        g.session.restore(best.resolve("ckpt").toString());
        for (var e : g.generator.calibration().entrySet()) {
            String name = e.getKey();
            double chosen = fixedCalibration.getOrDefault(name, e.getValue()[0]);
            double bestScore = Double.NEGATIVE_INFINITY;
            for (double v : fixedCalibration.containsKey(name) ? new double[0] : e.getValue()) {
                setCalibration(g, name, v);
                Validator.Score scored = validator.evaluate((in, shape) -> enhanceAverage(g, in, shape));
                double score = scored.metric();
                LOG.info("{} {}: validation score {} ({} vs baseline {})", name, String.format(Locale.ROOT, "%.4f", v),
                        String.format(Locale.ROOT, "%.4f", score), scored.metrics(), scored.baseline());
                if (score > bestScore + 1e-4) {
                    bestScore = score;
                    chosen = v;
                }
            }
            setCalibration(g, name, chosen);
            calibrated.put(name.replace('/', '_'), chosen);
            LOG.info("{} set to {}", name, chosen);
        }
        saveAtomically(g, "export");
        return c.checkpoints().resolve("export").resolve("ckpt");
    }

    /**
     * A resumed run must validate on the photos it started with, or it would train on some it
     * was validated on; {@code report/val.txt} is the record of them.
     */
    private void checkSameValidation(PhotoSet set) throws IOException {
        Path listed = c.report().resolve(PhotoSet.VAL_LIST);
        if (!Files.isRegularFile(listed) || TrainState.read(c.checkpoints()) == null) {
            return;
        }
        List<String> before = Files.readAllLines(listed).stream().filter(l -> !l.isBlank()).toList();
        List<String> now = set.validation().stream().map(p -> set.root().relativize(p).toString()).toList();
        if (!before.equals(now)) {
            throw new IllegalArgumentException("--resume: this run validated on other photos (" + listed
                    + "); use the run's --data, --seed and --split (runs before --split existed used --split random)");
        }
    }

    private static void setCalibration(TrainingGraph g, String name, double value) {
        try (TFloat32 v = TFloat32.scalarOf((float) value)) {
            g.session.runner().feed(g.calibrationValue, v).addTarget(g.setCalibration.get(name)).run().close();
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
        TimeBudget clock = budget == null ? null : new TimeBudget(budget, step);
        while (step < c.totalSteps() && !stopRequested && step < stopAt) {
            boolean gan = step >= c.steps();
            String phase = gan ? "gan" : "l1";
            Batch b = source.next();
            float[] losses = trainStep(g, b, step, gan);
            step++;
            sumL1 += losses[0];
            sumAdv += losses[1];
            sumD += losses[2];
            n++;
            double val = Double.NaN;
            boolean phaseEnd = step == c.steps() || step == c.totalSteps();
            if (step % c.validateEvery() == 0 || phaseEnd) {
                Validator.Score score = validator.evaluate((in, shape) -> enhanceAverage(g, in, shape));
                appendValidation(step, score);
                val = score.metric();
                lastVal = val;
                boolean samePhase = phase.equals(state.bestPhase());
                if (!samePhase || val > state.bestMetric() || (gan && c.perceptual())) {
                    saveAtomically(g, "best");
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
                state = checkpoint(g, state, step);
            }
            if (clock != null) {
                c = clock.afterStep(step, c);
                if (clock.spent()) {
                    break;
                }
            }
        }
        if (step != state.step()) {
            state = checkpoint(g, state, step);
        }
        return state;
    }

    /**
     * {@code report/validation.csv}: every validation's metrics with the wall-clock time, for
     * the quality-against-training-time curve ({@code losses.csv} keeps only the selection metric).
     */
    private void appendValidation(long step, Validator.Score score) throws IOException {
        Path file = c.report().resolve("validation.csv");
        StringBuilder sb = new StringBuilder();
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
        float lr = learningRate(step);
        float decay = gan ? 0.995f : Math.min(0.999f, (1f + step) / (10f + step));
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
            var runner = g.session.runner().feed(g.lrImages, in).feed(g.truth, truth).feed(g.lrG, lrT)
                    .fetch(g.l1);
            if (gan) {
                runner.feed(g.advWeight, adv).addTarget(g.gStepGan).fetch(g.gAdv);
            } else {
                runner.addTarget(g.gStepL1);
            }
            float l1;
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
        int warm = c.warmup();
        if (step < warm) {
            return c.learningRate() * (step + 1) / warm;
        }
        double t = (double) (step - warm) / Math.max(1, c.steps() - warm);
        double min = 0.02;
        return (float) (c.learningRate() * (min + (1 - min) * 0.5 * (1 + Math.cos(Math.PI * t))));
    }

    static byte[] enhanceAverage(TrainingGraph g, byte[] input, long[] shape) {
        try (TUint8 in = TUint8.tensorOf(Shape.of(shape), DataBuffers.of(input));
                Result r = g.session.runner().feed(g.valImages, in).fetch(g.averageEnhanced).run()) {
            Tensor out = r.get(0);
            byte[] bytes = new byte[(int) out.shape().size()];
            out.asRawTensor().data().read(bytes);
            return bytes;
        }
    }

    private void saveAtomically(TrainingGraph g, String name) throws IOException {
        Path tmp = c.checkpoints().resolve(name + ".tmp");
        FileTrees.deleteRecursively(tmp);
        Files.createDirectories(tmp);
        g.session.save(tmp.resolve("ckpt").toString());
        Path dest = c.checkpoints().resolve(name);
        FileTrees.deleteRecursively(dest);
        Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
    }

    private TrainState checkpoint(TrainingGraph g, TrainState state, long step) throws IOException {
        String name = String.format(Locale.ROOT, "step-%08d", step);
        saveAtomically(g, name);
        TrainState next = new TrainState(step, state.seed(), name, state.bestPhase(), state.bestMetric(), state.bestStep());
        next.write(c.checkpoints());
        try (var dirs = Files.list(c.checkpoints())) {
            for (Path p : dirs.filter(p -> p.getFileName().toString().startsWith("step-")
                    && !p.getFileName().toString().equals(name)).toList()) {
                FileTrees.deleteRecursively(p);
            }
        }
        return next;
    }

    private Outcome export(Generator gen, Path best, TrainState state, PhotoSet set, Validator validator,
            ConfigProto config) throws IOException {
        long params = ModelExporter.exportSavedModel(gen, TrainingGraph.AVERAGE, best, c.model(), config);
        String version = gen.task() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmm")) + "-"
                + c.arch() + (c.perceptual() ? "-perceptual" : "");
        String split = c.holdout() == null
                ? String.format(Locale.ROOT, "%d photos (%d validation, never trained on) from %s",
                        set.train().size() + set.validation().size(), set.validation().size(), c.data().getFileName())
                : String.format(Locale.ROOT, "%d photos from %s minus the sources held out by %s (checkpoint and calibration"
                        + " on %d photos of its calibration sources; its test sources never loaded)", set.train().size(),
                        c.data().getFileName(), c.holdout().getFileName(), set.validation().size());
        Validator.Score score;
        ModelCard provisional = ModelCard.newBuilder().setTask(gen.task()).setFlavour(c.flavour()).setVersion(version)
                .setScale(gen.scale()).setInputChannels(gen.inputChannels()).setArchitecture(gen.architecture())
                .setCreatedTime(Instant.now()).build();
        try (ContractModel m = ContractModel.load(c.model(), provisional, config)) {
            score = validator.evaluate((in, shape) -> TensorPacking.concat(m.enhance(TensorPacking.split(in, shape))));
        }
        String data = String.format(Locale.ROOT, "%s; cached at <= %d px; %s degradation; %d crops of %d px; %s step %d", split,
                c.maxSide(), c.realistic() ? "realistic" : "bicubic", (long) c.totalSteps() * c.batch(), c.patch(),
                c.perceptual() ? "last" : "best " + state.bestPhase(), state.bestStep());
        java.util.Map<String, Double> metrics = new java.util.LinkedHashMap<>(score.metrics());
        metrics.putAll(calibrated);
        ModelCard card = ModelExporter.writeCard(gen, params, c.model(),
                new ModelExporter.CardInfo(version, c.flavour(), data, c.command(), metrics, score.baseline(),
                        validationData(set, validator)));
        LOG.info("exported {} ({} parameters) to {}: {} vs baseline {}", version, params, c.model(), score.metrics(),
                score.baseline());
        writeReport(set);
        return new Outcome(state.step(), true, c.model(), card);
    }

    /**
     * What the card's metrics were measured on, precise enough that two cards with equal text
     * were measured on the same pixels: the crop size and the sha256 of the validation list.
     */
    static String validationData(PhotoSet set, Validator validator) {
        StringBuilder list = new StringBuilder();
        set.validation().forEach(p -> list.append(set.root().relativize(p)).append('\n'));
        return String.format(Locale.ROOT, "centre crops (%d px) of %d validation photos of %s, list sha256 %s",
                validator.side(), validator.size(), set.root().getFileName(),
                Sha256.hex(list.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 16));
    }

    /**
     * The run's report beside {@code losses.csv} and {@code val.txt}: {@code evaluate} of the
     * export on the whole validation photos ({@code evaluate.txt}, {@code metrics.json},
     * {@code contact-sheet.png}) and {@code loss-curve.png}. Best effort: the model is exported
     * already, so a report that cannot be made is a warning, not a failed run.
     */
    private void writeReport(PhotoSet set) {
        Path report = c.report();
        try {
            LossChart.write(report.resolve("losses.csv"), report.resolve(LossChart.FILE_NAME));
            EvalOptions options = EvalOptions.defaults().withTask(c.task()).withMaxSide(c.maxSide());
            EvaluationResult r = Evaluator.evaluate(c.model(), set.validation(), options, set.root(), (d, t, n) -> { });
            MetricsJson.write(r, report.resolve(MetricsJson.FILE_NAME));
            ContactSheet.write(r, report.resolve(ContactSheet.FILE_NAME));
            String sources = ResultTable.bySource(r);
            Files.writeString(report.resolve("evaluate.txt"), ResultTable.format(r) + (sources.isEmpty() ? "" : "\n" + sources)
                    + ResultTable.notes(r));
            LOG.info("evaluated on the {} validation photos: {} vs baseline {}; report in {}", r.images().size(), r.metrics(),
                    r.baselineMetrics(), report);
        } catch (IOException | RuntimeException e) {
            LOG.warn("no evaluation report: {}", e.getMessage());
        }
    }
}
