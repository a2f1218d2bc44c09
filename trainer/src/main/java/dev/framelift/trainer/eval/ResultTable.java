package dev.framelift.trainer.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.framelift.model.metrics.YConvention;

/**
 * Formats an {@link EvaluationResult} as a plain-text table: one line per image and a mean
 * line, model against baseline with the difference. SR shows PSNR-Y and SSIM-Y; colorize shows
 * RGB PSNR against the gray input and the colourfulness of the output and of the truth. Stateless.
 */
public final class ResultTable {
    /** Longest image name shown in full; longer ones are cut at the front. */
    static final int NAME_WIDTH = 48;

    private ResultTable() {
    }

    public static String format(EvaluationResult r) {
        final boolean colorize = r.spec().colorize();
        final List<String[]> rows = new ArrayList<>();
        final String base = r.baselineName();
        if (colorize) {
            rows.add(new String[] {"image", "size", "PSNR-RGB " + base, "PSNR-RGB model", "delta", "colour model",
                "colour truth", "ratio"});
        } else {
            final String y = "PSNR-Y";
            rows.add(new String[] {"image", "size", y + " " + base, y + " model", "delta", "SSIM-Y " + base, "SSIM-Y model",
                "delta", "sharp " + base, "sharp model"});
        }
        for (ImageResult i : r.images()) {
            rows.add(cells(colorize, shorten(i.name()), i.width() + "x" + i.height() + (i.downscaled() ? "*" : ""), i.model(),
                    i.baseline(), i.truthColourfulness(), i.model().getOrDefault(EvaluationResult.COLOURFULNESS_RATIO, 0.0)));
        }
        rows.add(cells(colorize, "mean of " + r.images().size() + " images", "", r.metrics(), r.baselineMetrics(),
                r.truthColourfulness(), r.metrics().getOrDefault(EvaluationResult.COLOURFULNESS_RATIO, 0.0)));
        return render(rows, 1);
    }

    /**
     * One line per source (a photo's file-name prefix before {@code --}, else its first folder:
     * see {@code SourceHoldout.sourceOf}) with the mean over its photos, then the mean over
     * sources, each source counting once; empty when all photos come from one source.
     */
    public static String bySource(EvaluationResult r) {
        final List<SourceMeans> sources = SourceMeans.of(r);
        if (sources.size() < 2) {
            return "";
        }
        final boolean colorize = r.spec().colorize();
        final String base = r.baselineName();
        final List<String[]> rows = new ArrayList<>();
        rows.add(colorize
                ? new String[] {"source", "photos", "PSNR-RGB " + base, "PSNR-RGB model", "delta", "colour model", "colour truth",
                    "ratio"}
                : new String[] {"source", "photos", "PSNR-Y " + base, "PSNR-Y model", "delta", "SSIM-Y " + base, "SSIM-Y model",
                    "delta", "sharp " + base, "sharp model"});
        final List<SourceMeans> all = new ArrayList<>(sources);
        all.add(SourceMeans.meanOf(sources, r.spec()));
        for (SourceMeans s : all) {
            rows.add(cells(colorize, s.source(), String.valueOf(s.images()), s.model(), s.baseline(), s.truthColourfulness(),
                    s.model().getOrDefault(EvaluationResult.COLOURFULNESS_RATIO, 0.0)));
        }
        return render(rows, 1);
    }

    /** Aligned columns; a rule above the last {@code footer} rows. */
    private static String render(List<String[]> rows, int footer) {
        final int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        final StringBuilder sb = new StringBuilder();
        for (int k = 0; k < rows.size(); k++) {
            if (k == rows.size() - footer) {
                sb.append("-".repeat(sum(width) + 2 * (width.length - 1))).append('\n');
            }
            final String[] row = rows.get(k);
            for (int c = 0; c < row.length; c++) {
                final String cell = c == 0 ? pad(row[c], width[c]) : lpad(row[c], width[c]);
                sb.append(cell).append(c + 1 < row.length ? "  " : "");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The lines under the table: conventions, downscaling, skipped files. */
    public static String notes(EvaluationResult r) {
        final StringBuilder sb = new StringBuilder();
        if (r.spec().colorize()) {
            sb.append("PSNR-RGB over all pixels and channels; baseline = the gray (BT.601 luma) input as RGB;\n")
                    .append("mean ratio = mean(model colourfulness) / mean(truth colourfulness) (Hasler-Suesstrunk).\n");
        } else {
            sb.append(String.format(Locale.ROOT, "PSNR-Y and SSIM-Y on %s, %d px border cropped; baseline = antialiased bicubic "
                    + "(a=-0.5, as PIL) upscale of the same LR.%n", yName(r.options().yConvention()), r.border()))
                    .append("sharp = mean luma gradient magnitude of the output / of the truth (1 = as much edge contrast as "
                    + "the truth).\n");
        }
        if (r.options().selfEnsemble()) {
            sb.append("self-ensemble: every photo super-resolved in its 8 orientations (flips and quarter turns), averaged.\n");
        }
        final long down = r.downscaledCount();
        if (down > 0) {
            sb.append(String.format(Locale.ROOT, "* %d of %d photos were downscaled to %d px on the long side before degradation "
                    + "(--max-side %d; 0 keeps full size).%n", down, r.images().size(), r.options().maxSide(), r.options().maxSide()));
        }
        if (!r.skipped().isEmpty()) {
            sb.append("skipped ").append(r.skipped().size()).append(":\n");
            for (EvaluationResult.Skipped s : r.skipped()) {
                sb.append("  ").append(s.name()).append(": ").append(s.reason()).append('\n');
            }
        }
        return sb.toString();
    }

    static String yName(YConvention y) {
        return y == YConvention.BT601 ? "BT.601 full-range Y (0.299R+0.587G+0.114B)" : "YCbCr studio-range Y (MATLAB rgb2ycbcr, 16-235)";
    }

    private static String[] cells(boolean colorize, String name, String size, Map<String, Double> m, Map<String, Double> b,
            double truthCol, double ratio) {
        if (colorize) {
            final double pm = m.get(EvaluationResult.PSNR_RGB);
            final double pb = b.get(EvaluationResult.PSNR_RGB);
            return new String[] {name, size, db(pb), db(pm), signed(pm - pb, 2), fixed(m.get(EvaluationResult.COLOURFULNESS), 1),
                fixed(truthCol, 1), String.format(Locale.ROOT, "%.0f%%", 100 * ratio)};
        }
        final double pm = m.get(EvaluationResult.PSNR_Y);
        final double pb = b.get(EvaluationResult.PSNR_Y);
        final double sm = m.get(EvaluationResult.SSIM_Y);
        final double sb = b.get(EvaluationResult.SSIM_Y);
        return new String[] {name, size, db(pb), db(pm), signed(pm - pb, 2), fixed(sb, 4), fixed(sm, 4), signed(sm - sb, 4),
            fixed(b.get(EvaluationResult.SHARPNESS), 3), fixed(m.get(EvaluationResult.SHARPNESS), 3)};
    }

    private static String db(double v) {
        return Double.isInfinite(v) ? "inf" : fixed(v, 2);
    }

    private static String fixed(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    private static String signed(double v, int digits) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%+." + digits + "f", v);
    }

    /** Keeps table lines readable: long names keep their end, where the file name is. */
    static String shorten(String name) {
        return name.length() <= NAME_WIDTH ? name : "..." + name.substring(name.length() - NAME_WIDTH + 3);
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(w - s.length());
    }

    private static String lpad(String s, int w) {
        return " ".repeat(w - s.length()) + s;
    }

    private static int sum(int[] a) {
        int s = 0;
        for (int v : a) {
            s += v;
        }
        return s;
    }
}
