package dev.framelift.trainer.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.proto.ConfigProto;

import dev.framelift.model.artifact.Sha256;
import dev.framelift.model.runtime.ContractModel;
import dev.framelift.model.runtime.TensorPacking;
import dev.framelift.schema.ModelCard;
import dev.framelift.trainer.data.PhotoSet;
import dev.framelift.trainer.eval.EvalOptions;
import dev.framelift.trainer.eval.EvaluationResult;
import dev.framelift.trainer.eval.Evaluator;
import dev.framelift.trainer.eval.ResultTable;
import dev.framelift.trainer.export.ModelExporter;
import dev.framelift.trainer.model.Generator;
import dev.framelift.trainer.report.ContactSheet;
import dev.framelift.trainer.report.LossChart;
import dev.framelift.trainer.report.MetricsJson;

/**
 * The end of a finished run: exports the chosen checkpoint's averaged generator as a SavedModel
 * into {@code OUT/model}, measures the export itself on the validation photos for its card,
 * writes {@code card.json}, then the run's report ({@code evaluate} of the export on the whole
 * validation photos, the loss chart). Stateless apart from its settings.
 */
final class RunExport {
    private static final Logger LOG = LoggerFactory.getLogger(RunExport.class);

    private final TrainConfig c;

    RunExport(TrainConfig c) {
        this.c = c;
    }

    /**
     * @param checkpoint the TensorFlow checkpoint prefix to export
     * @param calibrated calibration constants the checkpoint was given, recorded in the card's metrics
     */
    Trainer.Outcome export(Generator gen, Path checkpoint, TrainState state, PhotoSet set, Validator validator,
            Map<String, Double> calibrated, ConfigProto config) throws IOException {
        final long params = ModelExporter.exportSavedModel(gen, TrainingGraph.AVERAGE, checkpoint, c.model(), config);
        final String version = gen.task() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmm")) + "-"
                + c.arch() + (c.perceptual() ? "-perceptual" : "");
        final Validator.Score score;
        final ModelCard provisional = ModelCard.newBuilder().setTask(gen.task().id()).setFlavour(c.flavour()).setVersion(version)
                .setScale(gen.scale()).setInputChannels(gen.inputChannels()).setArchitecture(gen.architecture())
                .setCreatedTime(Instant.now()).build();
        try (ContractModel m = ContractModel.load(c.model(), provisional, config)) {
            score = validator.evaluate((in, shape) -> TensorPacking.concat(m.enhance(TensorPacking.split(in, shape))));
        }
        final Map<String, Double> metrics = new LinkedHashMap<>(score.metrics());
        metrics.putAll(calibrated);
        final ModelCard card = ModelExporter.writeCard(gen, params, c.model(),
                new ModelExporter.CardInfo(version, c.flavour(), trainingData(set, state), c.command(), metrics,
                        score.baseline(), validationData(set, validator)));
        LOG.info("exported {} ({} parameters) to {}: {} vs baseline {}", version, params, c.model(), score.metrics(),
                score.baseline());
        writeReport(set);
        return new Trainer.Outcome(state.step(), true, c.model(), card);
    }

    private String trainingData(PhotoSet set, TrainState state) {
        final String split = c.holdout() == null
                ? String.format(Locale.ROOT, "%d photos (%d validation, never trained on) from %s",
                        set.train().size() + set.validation().size(), set.validation().size(), c.data().getFileName())
                : String.format(Locale.ROOT, "%d photos from %s minus the sources held out by %s (checkpoint and calibration"
                        + " on %d photos of its calibration sources; its test sources never loaded)", set.train().size(),
                        c.data().getFileName(), c.holdout().getFileName(), set.validation().size());
        return String.format(Locale.ROOT, "%s; cached at <= %d px; %s degradation; %d crops of %d px; %s step %d", split,
                c.maxSide(), c.realistic() ? "realistic" : "bicubic", (long) c.totalSteps() * c.batch(), c.patch(),
                c.perceptual() ? "last" : "best " + state.bestPhase(), state.bestStep());
    }

    /**
     * What the card's metrics were measured on, precise enough that two cards with equal text
     * were measured on the same pixels: the crops or whole photos, and the sha256 of the
     * validation list.
     */
    static String validationData(PhotoSet set, Validator validator) {
        final StringBuilder list = new StringBuilder();
        set.validation().forEach(p -> list.append(set.root().relativize(p)).append('\n'));
        final String what = validator.side() > 0 ? String.format(Locale.ROOT, "centre crops (%d px)", validator.side())
                : String.format(Locale.ROOT, "whole photos (long side <= %d px)", Validator.COLORIZE_SIDE);
        return String.format(Locale.ROOT, "%s of %d validation photos of %s, list sha256 %s", what, validator.size(),
                set.root().getFileName(), Sha256.hex(list.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16));
    }

    /**
     * The run's report beside {@code losses.csv} and {@code val.txt}: {@code evaluate} of the
     * export on the whole validation photos ({@code evaluate.txt}, {@code metrics.json},
     * {@code contact-sheet.png}) and {@code loss-curve.png}. Best effort: the model is exported
     * already, so a report that cannot be made is a warning, not a failed run.
     */
    private void writeReport(PhotoSet set) {
        final Path report = c.report();
        try {
            LossChart.write(report.resolve("losses.csv"), report.resolve(LossChart.FILE_NAME));
            final EvalOptions options = EvalOptions.defaults().withTask(c.task()).withMaxSide(c.maxSide());
            final EvaluationResult r = Evaluator.evaluate(c.model(), set.validation(), options, set.root(), (d, t, n) -> { });
            MetricsJson.write(r, report.resolve(MetricsJson.FILE_NAME));
            ContactSheet.write(r, report.resolve(ContactSheet.FILE_NAME));
            final String sources = ResultTable.bySource(r);
            Files.writeString(report.resolve("evaluate.txt"), ResultTable.format(r) + (sources.isEmpty() ? "" : "\n" + sources)
                    + ResultTable.notes(r));
            LOG.info("evaluated on the {} validation photos: {} vs baseline {}; report in {}", r.images().size(), r.metrics(),
                    r.baselineMetrics(), report);
        } catch (IOException | RuntimeException e) {
            LOG.warn("no evaluation report: {}", e.getMessage());
        }
    }
}
