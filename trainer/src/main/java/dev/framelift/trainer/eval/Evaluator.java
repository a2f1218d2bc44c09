package dev.framelift.trainer.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.tensorflow.proto.ConfigProto;

import dev.framelift.model.Image;
import dev.framelift.model.metrics.ImageMetrics;
import dev.framelift.model.metrics.YConvention;
import dev.framelift.model.runtime.ContractModel;
import dev.framelift.model.runtime.SelfEnsemble;
import dev.framelift.schema.ModelCard;
import dev.framelift.schema.ModelCardJson;
import dev.framelift.trainer.data.LumaDegradation;
import dev.framelift.trainer.data.PhotoLoader;
import dev.framelift.trainer.data.Resampler;
import dev.framelift.trainer.data.RgbImage;
import dev.framelift.trainer.model.TrainingTask;

/**
 * Measures a model against the naive baseline on real photos.
 *
 * <p>Each photo is decoded upright (EXIF orientation applied) and, if its long side exceeds
 * {@link EvalOptions#maxSide()}, downscaled to it with the antialiased resampler. Then:
 * <ul>
 * <li>SR: the ground truth HR is the photo cropped (top-left) to a multiple of the scale; the LR
 * is its antialiased bicubic downscale (the trainer's own degradation); the model upscales the
 * LR, the baseline is the bicubic upscale of the same LR. PSNR-Y and SSIM-Y with a border of
 * {@code scale} pixels.</li>
 * <li>Colorize: the input is the BT.601 luma of the photo (rounded, the model contract); RGB PSNR
 * of the output and of the gray input (as RGB) against the photo, and colourfulness of output
 * and truth. Gray photos (chroma spread below {@link LumaDegradation#GRAY_CHROMA_STD}, the same
 * test the trainer uses) are skipped: there is no colour to recover.</li>
 * </ul>
 * Whole images are fed to the model at once (models accept any size); with
 * {@link EvalOptions#selfEnsemble()} an SR model sees each in its 8 orientations
 * ({@link SelfEnsemble}). Stateless; each call loads and closes its own {@link ContractModel}.
 */
public final class Evaluator {
    /** Side of the centre region of the ground truth kept for the contact sheet. */
    public static final int DETAIL_SIDE = 160;
    /** Smallest evaluated side, so that SSIM's window fits inside the border at x4. */
    public static final int MIN_SIDE = 32;

    /** Told after every file, evaluated or skipped. */
    @FunctionalInterface
    public interface EvalListener {
        void onImage(int done, int total, String name);
    }

    private Evaluator() {
    }

    /** Evaluates the model in {@code modelDir} on {@code images}; see the class comment. */
    public static EvaluationResult evaluate(Path modelDir, List<Path> images, EvalOptions options) throws IOException {
        return evaluate(modelDir, images, options, null, (d, t, n) -> { });
    }

    /**
     * @param root the data folder, for display names relative to it; {@code null} for file names
     * @param listener progress callback, called on the calling thread
     * @throws IOException if the model cannot be opened or no image could be evaluated
     */
    public static EvaluationResult evaluate(Path modelDir, List<Path> images, EvalOptions options, Path root,
            EvalListener listener) throws IOException {
        return evaluate(modelDir, images, options, root, listener, null);
    }

    /**
     * As {@link #evaluate(Path, List, EvalOptions, Path, EvalListener)}, also writing every
     * evaluated photo's input, baseline, output and truth to {@code sink} when it is not null
     * (an {@link ImageDump}, a {@link ChromaFrontier}).
     */
    public static EvaluationResult evaluate(Path modelDir, List<Path> images, EvalOptions options, Path root,
            EvalListener listener, PhotoSink sink) throws IOException {
        final List<Path> files = spread(images, options.limit());
        if (files.isEmpty()) {
            throw new IOException("no images to evaluate");
        }
        final ConfigProto config = options.threads() > 0
                ? ConfigProto.newBuilder().setIntraOpParallelismThreads(options.threads()).setInterOpParallelismThreads(1).build()
                : null;
        final List<ImageResult> results = new ArrayList<>();
        final List<EvaluationResult.Skipped> skipped = new ArrayList<>();
        try (ContractModel runner = open(modelDir, options.task(), config)) {
            final ModelSpec spec = ModelSpec.fromCard(runner.card());
            if (spec.colorize() && options.selfEnsemble()) {
                throw new IOException(SelfEnsemble.NOT_FOR_COLOUR);
            }
            final int border = spec.colorize() ? 0 : spec.scale();
            for (int i = 0; i < files.size(); i++) {
                final Path f = files.get(i);
                final String name = root != null && f.startsWith(root) ? root.relativize(f).toString() : f.getFileName().toString();
                final RgbImage original;
                try {
                    original = PhotoLoader.load(f, 0);
                } catch (IOException | RuntimeException e) {
                    skipped.add(new EvaluationResult.Skipped(f, name, "cannot decode: " + e.getMessage()));
                    listener.onImage(i + 1, files.size(), name);
                    continue;
                }
                final RgbImage photo = PhotoLoader.fit(original, options.maxSide());
                final boolean keepPanels = results.size() < options.sheetRows();
                String reason = null;
                if (spec.colorize() && photo.chromaStd() < LumaDegradation.GRAY_CHROMA_STD) {
                    reason = String.format(Locale.ROOT, "grayscale photo (chroma std %.2f)", photo.chromaStd());
                } else if (Math.min(photo.width(), photo.height()) < MIN_SIDE) {
                    reason = "smaller than " + MIN_SIDE + " px";
                }
                if (reason != null) {
                    skipped.add(new EvaluationResult.Skipped(f, name, reason));
                } else {
                    final Saver saver = sink == null ? null : new Saver(sink, results.size() + 1, f, name);
                    results.add(spec.colorize()
                            ? colorize(runner, f, name, original, photo, keepPanels, saver)
                            : superResolve(runner, options, spec.scale(), f, name, original, photo, keepPanels, saver));
                }
                listener.onImage(i + 1, files.size(), name);
            }
            if (results.isEmpty()) {
                throw new IOException("no image could be evaluated (" + skipped.size() + " skipped"
                        + (skipped.isEmpty() ? "" : ", e.g. " + skipped.get(0).name() + ": " + skipped.get(0).reason()) + ")");
            }
            return summarise(modelDir, spec, options, border, results, skipped);
        }
    }

    /**
     * Loads the model in {@code dir}. Its card says what it is; a folder without a card (a model
     * exported a moment ago) is taken for a model of {@code task}, and when both exist they must
     * agree.
     */
    static ContractModel open(Path dir, TrainingTask task, ConfigProto config) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("model directory " + dir + " does not exist");
        }
        if (!Files.isRegularFile(dir.resolve(ModelCardJson.FILE_NAME))) {
            if (task == null) {
                throw new IOException("no " + ModelCardJson.FILE_NAME + " in " + dir + " (give the task explicitly)");
            }
            final ModelSpec spec = ModelSpec.forTask(task);
            return ContractModel.load(dir, ModelCard.newBuilder().setTask(task.id()).setVersion(spec.version())
                    .setScale(spec.scale()).setInputChannels(spec.inputChannels()).setArchitecture("unknown")
                    .setCreatedTime(Instant.EPOCH).build(), config);
        }
        final ContractModel model = ContractModel.load(dir, config);
        if (task != null && !task.id().equals(model.card().getTask().toString())) {
            model.close();
            throw new IOException("the card of " + dir + " says task " + model.card().getTask() + ", not " + task);
        }
        return model;
    }

    /**
     * {@code limit} files spread evenly over the list (the first, then every size/limit-th), so a
     * quick look at a folder sorted by source still sees every source; all of them when
     * {@code limit} is 0 or not smaller than the list.
     */
    static List<Path> spread(List<Path> images, int limit) {
        if (limit <= 0 || limit >= images.size()) {
            return images;
        }
        final List<Path> out = new ArrayList<>(limit);
        for (int i = 0; i < limit; i++) {
            out.add(images.get((int) ((long) i * images.size() / limit)));
        }
        return out;
    }

    private static ImageResult superResolve(ContractModel runner, EvalOptions options, int s, Path f, String name,
            RgbImage original, RgbImage photo, boolean keepPanels, Saver saver) {
        final YConvention y = options.yConvention();
        final int w = photo.width() - photo.width() % s;
        final int h = photo.height() - photo.height() % s;
        final RgbImage hr = photo.crop(0, 0, w, h);
        final int lw = w / s;
        final int lh = h / s;
        final byte[] lr = Resampler.resizeBicubic(hr.pixels(), w, h, 3, lw, lh);
        final long t0 = System.nanoTime();
        final Image input = new Image(lw, lh, 3, lr);
        final Image out = options.selfEnsemble() ? SelfEnsemble.enhance(runner::enhance, List.of(input), s).get(0)
                : runner.enhance(input);
        final double seconds = (System.nanoTime() - t0) / 1e9;
        final byte[] bicubic = Resampler.resizeBicubic(lr, lw, lh, 3, w, h);
        if (saver != null) {
            saver.save(new RgbImage(lw, lh, lr), new RgbImage(w, h, bicubic), new RgbImage(w, h, out.pixels()), hr);
        }
        final Map<String, Double> m = new LinkedHashMap<>();
        m.put(EvaluationResult.PSNR_Y, ImageMetrics.psnrY(out.pixels(), hr.pixels(), w, h, s, y));
        m.put(EvaluationResult.SSIM_Y, ImageMetrics.ssimY(out.pixels(), hr.pixels(), w, h, s, y));
        final double truthGradient = ImageMetrics.gradientMagnitude(hr.pixels(), w, h, s);
        m.put(EvaluationResult.SHARPNESS, ImageMetrics.gradientMagnitude(out.pixels(), w, h, s) / truthGradient);
        final Map<String, Double> b = new LinkedHashMap<>();
        b.put(EvaluationResult.PSNR_Y, ImageMetrics.psnrY(bicubic, hr.pixels(), w, h, s, y));
        b.put(EvaluationResult.SSIM_Y, ImageMetrics.ssimY(bicubic, hr.pixels(), w, h, s, y));
        b.put(EvaluationResult.SHARPNESS, ImageMetrics.gradientMagnitude(bicubic, w, h, s) / truthGradient);
        ImageResult.Panels panels = null;
        if (keepPanels) {
            final int d = Math.min(DETAIL_SIDE, Math.min(w, h)) / s * s;
            final int[] at = DetailCrops.detailWindow(hr, d, s, false);
            final int x0 = at[0];
            final int y0 = at[1];
            final RgbImage lrImage = new RgbImage(lw, lh, lr);
            panels = new ImageResult.Panels(
                    DetailCrops.nearest(lrImage.crop(x0 / s, y0 / s, d / s, d / s), s),
                    new RgbImage(w, h, bicubic).crop(x0, y0, d, d),
                    new RgbImage(w, h, out.pixels()).crop(x0, y0, d, d),
                    hr.crop(x0, y0, d, d), s);
        }
        return new ImageResult(f, name, w, h, original.width(), original.height(), Map.copyOf(m), Map.copyOf(b),
                Double.NaN, seconds, panels);
    }

    private static ImageResult colorize(ContractModel runner, Path f, String name, RgbImage original, RgbImage photo,
            boolean keepPanels, Saver saver) {
        final int w = photo.width();
        final int h = photo.height();
        final byte[] luma = photo.luma();
        final long t0 = System.nanoTime();
        final Image out = runner.enhance(new Image(w, h, 1, luma));
        final double seconds = (System.nanoTime() - t0) / 1e9;
        final byte[] gray = grayToRgb(luma);
        if (saver != null) {
            final RgbImage g = new RgbImage(w, h, gray);
            saver.save(g, g, new RgbImage(w, h, out.pixels()), photo);
        }
        final double truthCol = ImageMetrics.colourfulness(photo.pixels());
        final double outCol = ImageMetrics.colourfulness(out.pixels());
        final double grayCol = ImageMetrics.colourfulness(gray);
        final Map<String, Double> m = new LinkedHashMap<>();
        m.put(EvaluationResult.PSNR_RGB, ImageMetrics.psnrRgb(out.pixels(), photo.pixels(), w, h, 0));
        m.put(EvaluationResult.COLOURFULNESS, outCol);
        m.put(EvaluationResult.COLOURFULNESS_RATIO, truthCol == 0 ? 0 : outCol / truthCol);
        final Map<String, Double> b = new LinkedHashMap<>();
        b.put(EvaluationResult.PSNR_RGB, ImageMetrics.psnrRgb(gray, photo.pixels(), w, h, 0));
        b.put(EvaluationResult.COLOURFULNESS, grayCol);
        b.put(EvaluationResult.COLOURFULNESS_RATIO, truthCol == 0 ? 0 : grayCol / truthCol);
        ImageResult.Panels panels = null;
        if (keepPanels) {
            final int d = Math.min(DETAIL_SIDE, Math.min(w, h));
            final int[] at = DetailCrops.detailWindow(photo, d, 1, true);
            final int x0 = at[0];
            final int y0 = at[1];
            final RgbImage g = new RgbImage(w, h, gray).crop(x0, y0, d, d);
            panels = new ImageResult.Panels(g, g, new RgbImage(w, h, out.pixels()).crop(x0, y0, d, d),
                    photo.crop(x0, y0, d, d), 1);
        }
        return new ImageResult(f, name, w, h, original.width(), original.height(), Map.copyOf(m), Map.copyOf(b),
                truthCol, seconds, panels);
    }

    private static EvaluationResult summarise(Path modelDir, ModelSpec spec, EvalOptions options, int border,
            List<ImageResult> results, List<EvaluationResult.Skipped> skipped) {
        final Map<String, Double> m = new LinkedHashMap<>();
        final Map<String, Double> b = new LinkedHashMap<>();
        for (String k : EvaluationResult.keys(spec)) {
            m.put(k, results.stream().mapToDouble(r -> r.model().get(k)).average().orElse(Double.NaN));
            b.put(k, results.stream().mapToDouble(r -> r.baseline().get(k)).average().orElse(Double.NaN));
        }
        double truthCol = Double.NaN;
        if (spec.colorize()) {
            truthCol = results.stream().mapToDouble(ImageResult::truthColourfulness).average().orElse(Double.NaN);
            // a ratio of means, not a mean of per-image ratios
            m.put(EvaluationResult.COLOURFULNESS_RATIO, truthCol == 0 ? 0 : m.get(EvaluationResult.COLOURFULNESS) / truthCol);
            b.put(EvaluationResult.COLOURFULNESS_RATIO, truthCol == 0 ? 0 : b.get(EvaluationResult.COLOURFULNESS) / truthCol);
        }
        return new EvaluationResult(modelDir, spec, options, Instant.now(), border, List.copyOf(results), List.copyOf(skipped),
                java.util.Collections.unmodifiableMap(m), java.util.Collections.unmodifiableMap(b), truthCol);
    }

    /** One photo's place in a {@link PhotoSink}. */
    private record Saver(PhotoSink sink, int index, Path photo, String name) {
        void save(RgbImage input, RgbImage baseline, RgbImage model, RgbImage truth) {
            sink.accept(index, photo, name, input, baseline, model, truth);
        }
    }

    static byte[] grayToRgb(byte[] y) {
        final byte[] rgb = new byte[y.length * 3];
        for (int i = 0; i < y.length; i++) {
            rgb[3 * i] = y[i];
            rgb[3 * i + 1] = y[i];
            rgb[3 * i + 2] = y[i];
        }
        return rgb;
    }
}
