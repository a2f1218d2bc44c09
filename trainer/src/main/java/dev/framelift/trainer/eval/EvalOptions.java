package dev.framelift.trainer.eval;

import dev.framelift.model.metrics.YConvention;
import dev.framelift.trainer.model.TrainingTask;

/**
 * How an evaluation runs. Immutable; the {@code with...} methods return modified copies.
 *
 * @param task the task to assume when the model directory has no {@code card.json} yet (at the
 *     end of training); {@code null} to take it from the card. When both exist they must agree.
 * @param maxSide photos whose long side exceeds this are first downscaled to it with the
 *     antialiased resampler, before any degradation; 0 keeps full size. The default,
 *     {@value #DEFAULT_MAX_SIDE}, is the size the trainer caches its photos at, so evaluation
 *     sees the same kind of pixels as training, and a 6k px wallpaper takes seconds, not minutes,
 *     on a CPU.
 * @param limit evaluate at most this many images, spread evenly over the given list (the first,
 *     then every size/limit-th); 0 for all
 * @param yConvention the luma that PSNR-Y and SSIM-Y are computed on
 * @param sheetRows how many images keep detail crops for the contact sheet (the first ones)
 * @param threads TensorFlow intra-op threads when this evaluation loads the first session of the
 *     process; 0 for TensorFlow's default
 * @param selfEnsemble super-resolve each photo in its 8 orientations and average
 *     ({@link dev.framelift.model.runtime.SelfEnsemble}); super-resolution only
 */
public record EvalOptions(TrainingTask task, int maxSide, int limit, YConvention yConvention, int sheetRows, int threads,
        boolean selfEnsemble) {
    public static final int DEFAULT_MAX_SIDE = 1024;
    public static final int DEFAULT_SHEET_ROWS = 12;

    public EvalOptions {
        if (maxSide < 0 || limit < 0 || sheetRows < 0 || threads < 0) {
            throw new IllegalArgumentException("options must not be negative");
        }
        if (maxSide > 0 && maxSide < 32) {
            throw new IllegalArgumentException("--max-side must be 0 (keep full size) or at least 32");
        }
        if (yConvention == null) {
            throw new IllegalArgumentException("a Y convention is required");
        }
    }

    public static EvalOptions defaults() {
        return new EvalOptions(null, DEFAULT_MAX_SIDE, 0, YConvention.BT601, DEFAULT_SHEET_ROWS, 0, false);
    }

    public EvalOptions withTask(TrainingTask t) {
        return new EvalOptions(t, maxSide, limit, yConvention, sheetRows, threads, selfEnsemble);
    }

    public EvalOptions withMaxSide(int m) {
        return new EvalOptions(task, m, limit, yConvention, sheetRows, threads, selfEnsemble);
    }

    public EvalOptions withLimit(int l) {
        return new EvalOptions(task, maxSide, l, yConvention, sheetRows, threads, selfEnsemble);
    }

    public EvalOptions withYConvention(YConvention y) {
        return new EvalOptions(task, maxSide, limit, y, sheetRows, threads, selfEnsemble);
    }

    public EvalOptions withSheetRows(int rows) {
        return new EvalOptions(task, maxSide, limit, yConvention, rows, threads, selfEnsemble);
    }

    public EvalOptions withThreads(int n) {
        return new EvalOptions(task, maxSide, limit, yConvention, sheetRows, n, selfEnsemble);
    }

    public EvalOptions withSelfEnsemble(boolean on) {
        return new EvalOptions(task, maxSide, limit, yConvention, sheetRows, threads, on);
    }
}
