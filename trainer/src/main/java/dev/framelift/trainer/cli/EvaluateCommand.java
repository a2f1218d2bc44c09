package dev.framelift.trainer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.framelift.model.metrics.YConvention;
import dev.framelift.schema.ModelCardJson;
import dev.framelift.trainer.data.PhotoSet;
import dev.framelift.trainer.data.SourceHoldout;
import dev.framelift.trainer.eval.ChromaFrontier;
import dev.framelift.trainer.eval.EvalOptions;
import dev.framelift.trainer.eval.EvalProgress;
import dev.framelift.trainer.eval.EvaluationResult;
import dev.framelift.trainer.eval.Evaluator;
import dev.framelift.trainer.eval.ImageDump;
import dev.framelift.trainer.eval.PhotoSink;
import dev.framelift.trainer.eval.ResultTable;
import dev.framelift.trainer.model.TrainingTask;
import dev.framelift.trainer.report.ContactSheet;
import dev.framelift.trainer.report.MetricsJson;

/**
 * {@code evaluate}: measures an exported model against the naive baseline on a folder of
 * photos, prints a table per image and the mean, and with {@code --report DIR} writes
 * {@code metrics.json} and {@code contact-sheet.png} there. Exit codes: 0 done, 1 the
 * evaluation failed, 2 a wrong argument (missing model or data folder).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Measure an exported model against the naive baseline (bicubic for SR, the gray input for colorize) "
                + "on a folder of photos (recursive PNG/JPEG, EXIF orientation applied).")
public final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Exported model directory (SavedModel + card.json).")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Folder of photos, searched recursively.")
    Path data;

    @Option(names = "--max-side", paramLabel = "N", defaultValue = "" + EvalOptions.DEFAULT_MAX_SIDE,
            description = "Downscale photos whose long side exceeds N px (antialiased) before degrading them; 0 keeps full size "
                    + "(default: ${DEFAULT-VALUE}, the trainer's photo size).")
    int maxSide;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "Evaluate N photos spread evenly over the sorted list (0: all).")
    int limit;

    @Option(names = "--report", paramLabel = "DIR", description = "Write metrics.json and contact-sheet.png into DIR.")
    Path report;

    @Option(names = "--y-convention", paramLabel = "bt601|ycbcr", defaultValue = "bt601",
            description = "Luma for PSNR-Y/SSIM-Y: bt601 = 0.299R+0.587G+0.114B (0-255), ycbcr = MATLAB rgb2ycbcr Y (16-235). "
                    + "Default: ${DEFAULT-VALUE}.")
    String yConvention;

    @Option(names = "--only", paramLabel = "FILE",
            description = "Evaluate only the photos listed in FILE, one path per line relative to --data: e.g. a training run's "
                    + "report/val.txt, the photos it never trained on.")
    Path only;

    @Option(names = "--holdout", paramLabel = "FILE",
            description = "Evaluate only the photos of the sources that this holdout file (lines 'source role', as train"
                    + " --holdout reads) gives --role: the sources a model trained with that file never saw.")
    Path holdout;

    @Option(names = "--role", paramLabel = "test|calibration", defaultValue = "test",
            description = "With --holdout: which held-out sources (default: ${DEFAULT-VALUE}).")
    String role;

    @Option(names = "--beside", paramLabel = "DIR",
            description = "A second model of the same task (e.g. the perceptual flavour beside the faithful one): measured on"
                    + " the same photos, its tables follow, its outputs get a column of the contact sheet, and --report also"
                    + " writes its beside-metrics.json.")
    Path beside;

    @Option(names = "--task", paramLabel = "TASK", converter = TaskConverter.class,
            description = "sr-x2, sr-x4 or colorize: only for a model directory without card.json.")
    TrainingTask task;

    @Option(names = "--sheet-rows", paramLabel = "N", defaultValue = "" + EvalOptions.DEFAULT_SHEET_ROWS,
            description = "Images shown in the contact sheet (default: ${DEFAULT-VALUE}).")
    int sheetRows;

    @Option(names = "--save-images", paramLabel = "DIR",
            description = "Write each photo's input, baseline, model output and truth as PNGs into DIR "
                    + "(NNN-NAME.input.png, .baseline.png, .model.png, .truth.png), to recompute the numbers with another tool.")
    Path saveImages;

    @Option(names = "--chroma-scale", paramLabel = "S", split = ",",
            description = "Colorize: also measure each output with its chroma scaled about its luma by every S (e.g."
                    + " 0.6,0.8,1; 1 is the model as exported, below 1 towards gray) and print the colour-fidelity frontier,"
                    + " to compare colorizers at equal colour or to see the chroma gain these photos would want.")
    List<Double> chromaScales;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "TensorFlow intra-op threads (0: TF default).")
    int threads;

    @Option(names = "--self-ensemble", description = "Super-resolve every photo in its 8 orientations (flips and quarter turns) "
            + "and average: the enhancer's inference.self.ensemble, at 8x the inference. Super-resolution only.")
    boolean selfEnsemble;

    @Override
    public Integer call() {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final EvalOptions options;
        List<Path> images;
        final ChromaFrontier frontier;
        try {
            if (!Files.isDirectory(model)) {
                throw new IllegalArgumentException("--model " + model + " is not a directory");
            }
            if (!Files.isRegularFile(model.resolve("saved_model.pb"))) {
                throw new IllegalArgumentException("--model " + model + " is not an exported model (no saved_model.pb)");
            }
            if (beside != null && !Files.isRegularFile(beside.resolve("saved_model.pb"))) {
                throw new IllegalArgumentException("--beside " + beside + " is not an exported model (no saved_model.pb)");
            }
            if (!Files.isDirectory(data)) {
                throw new IllegalArgumentException("--data " + data + " is not a directory");
            }
            frontier = frontier();
            if (frontier != null && !colorizer()) {
                throw new IllegalArgumentException("--chroma-scale is for colorize models");
            }
            options = new EvalOptions(task, maxSide, limit, YConvention.parse(yConvention), sheetRows, threads, selfEnsemble);
            images = PhotoSet.list(data);
            if (only != null) {
                images = selected(images);
            }
            if (holdout != null) {
                final SourceHoldout h = SourceHoldout.read(holdout);
                final SourceHoldout.Role wanted = SourceHoldout.Role.parse(role);
                images = images.stream().filter(p -> h.role(data, p) == wanted).toList();
            }
            if (images.isEmpty()) {
                throw new IllegalArgumentException("--data " + data + " contains no PNG or JPEG file");
            }
        } catch (IllegalArgumentException | IOException e) {
            err.println("evaluate: " + e.getMessage());
            err.flush();
            return 2;
        }
        try {
            final int n = limit > 0 ? Math.min(limit, images.size()) : images.size();
            err.printf(Locale.ROOT, "evaluate: %d of %d photos under %s%s%n", n, images.size(), data,
                    maxSide > 0 ? ", long side capped at " + maxSide + " px (--max-side)" : "");
            if (only != null) {
                err.printf(Locale.ROOT, "evaluate: photos listed in %s%n", only);
            }
            if (holdout != null) {
                err.printf(Locale.ROOT, "evaluate: photos of the %s sources of %s%n", role, holdout);
            }
            final ImageDump dump = saveImages == null ? null : new ImageDump(saveImages);
            final EvaluationResult r = Evaluator.evaluate(model, images, options, data,
                    new EvalProgress(err, System.console() != null), PhotoSink.both(dump, frontier));
            print(out, r, model);
            EvaluationResult second = null;
            final ChromaFrontier besideFrontier = frontier();
            if (beside != null) {
                second = Evaluator.evaluate(beside, images, options, data, new EvalProgress(err, System.console() != null),
                        besideFrontier);
                if (!second.spec().task().equals(r.spec().task())) {
                    throw new IllegalArgumentException("--beside " + beside + " is a " + second.spec().task() + " model, not "
                            + r.spec().task());
                }
                out.println();
                print(out, second, beside);
            }
            if (frontier != null) {
                out.println();
                out.print(frontier.format(r.spec().version()));
                if (second != null) {
                    out.println();
                    out.print(besideFrontier.format(second.spec().version()));
                }
            }
            if (report != null) {
                final Path json = report.resolve(MetricsJson.FILE_NAME);
                MetricsJson.write(r, json);
                out.println("wrote " + json);
                if (second != null) {
                    final Path besideJson = report.resolve("beside-" + MetricsJson.FILE_NAME);
                    MetricsJson.write(second, besideJson);
                    out.println("wrote " + besideJson);
                }
                final Path sheet = report.resolve(ContactSheet.FILE_NAME);
                if (ContactSheet.write(r, second, sheet)) {
                    out.println("wrote " + sheet);
                }
            }
            if (dump != null) {
                out.printf(Locale.ROOT, "wrote %d x %d PNGs into %s%n", r.images().size(), ImageDump.KINDS.length, dump.dir());
            }
            out.flush();
            return 0;
        } catch (IOException | RuntimeException e) {
            out.flush();
            err.println("evaluate: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            err.flush();
            return 1;
        }
    }

    private ChromaFrontier frontier() {
        return chromaScales == null || chromaScales.isEmpty() ? null : new ChromaFrontier(chromaScales);
    }

    /** Whether --model is a colorizer: its card says so, or --task for a model without one. */
    private boolean colorizer() throws IOException {
        if (Files.isRegularFile(model.resolve("card.json"))) {
            return TrainingTask.find(ModelCardJson.read(model).getTask().toString()).filter(TrainingTask::colorize).isPresent();
        }
        return task != null && task.colorize();
    }

    private static void print(PrintWriter out, EvaluationResult r, Path dir) {
        out.printf(Locale.ROOT, "model %s (%s, x%d) from %s%n", r.spec().version(), r.spec().task(), r.spec().scale(), dir);
        out.print(ResultTable.format(r));
        final String sources = ResultTable.bySource(r);
        if (!sources.isEmpty()) {
            out.println();
            out.print(sources);
        }
        out.print(ResultTable.notes(r));
    }

    /** The photos of {@code --data} named in {@code --only}, in the file's order. */
    private List<Path> selected(List<Path> all) throws IOException {
        if (!Files.isRegularFile(only)) {
            throw new IllegalArgumentException("--only " + only + " is not a file");
        }
        final java.util.Map<Path, Path> present = new java.util.HashMap<>();
        for (Path p : all) {
            present.put(p.toAbsolutePath().normalize(), p);
        }
        final List<Path> chosen = new java.util.ArrayList<>();
        final List<String> missing = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(only)) {
            final String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            final Path p = present.get(data.resolve(name).toAbsolutePath().normalize());
            if (p != null) {
                chosen.add(p);
            } else {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(missing.size() + " photo(s) listed in " + only + " are not PNG/JPEG files under "
                    + data + ", e.g. " + missing.get(0));
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("--only " + only + " lists no photo");
        }
        return chosen;
    }
}
