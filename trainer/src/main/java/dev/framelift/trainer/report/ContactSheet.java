package dev.framelift.trainer.report;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import dev.framelift.trainer.data.RgbImage;
import dev.framelift.trainer.eval.EvaluationResult;
import dev.framelift.trainer.eval.Evaluator;
import dev.framelift.trainer.eval.ImageResult;

/**
 * A PNG grid for judging a model by eye: one row per image, with the same detail region (the
 * most textured {@value Evaluator#DETAIL_SIDE} px square of the ground truth for SR, the most
 * colourful one for colorization, or the whole image if smaller)
 * shown as input, baseline, model output and ground truth, every panel enlarged
 * {@value #ZOOM}x by nearest neighbour so that no resampling of the sheet itself hides or adds
 * sharpness. SR inputs are the LR pixels enlarged by nearest neighbour to the HR size first.
 * Colorization has three columns (the gray input is its baseline). Each row is labelled with the
 * file name and each baseline or model panel with its PSNR (and, for SR, its sharpness: see
 * {@link EvaluationResult#SHARPNESS}). A second evaluation of the same photos (another model,
 * e.g. the perceptual flavour beside the faithful one) adds its output as a column before the
 * ground truth. Stateless.
 */
public final class ContactSheet {
    public static final String FILE_NAME = "contact-sheet.png";
    /** Nearest-neighbour enlargement of every panel. */
    public static final int ZOOM = 2;
    static final int MARGIN = 16;
    static final int GAP = 8;
    static final int TITLE = 44;
    static final int HEADER = 26;
    static final int ROW_NAME = 22;
    static final int LABEL = 22;
    static final int CELL = Evaluator.DETAIL_SIDE * ZOOM;

    private static final Color BACKGROUND = new Color(0xF4F4F2);
    private static final Color INK = new Color(0x202124);
    private static final Color MUTED = new Color(0x5F6368);
    private static final Color GOOD = new Color(0x1E7B34);
    private static final Color BAD = new Color(0xB3261E);

    private ContactSheet() {
    }

    /** Pixel size of a sheet with {@code rows} image rows and {@code columns} panels per row. */
    public static Dimension sizeFor(int rows, int columns) {
        final int w = 2 * MARGIN + columns * CELL + (columns - 1) * GAP;
        final int h = MARGIN + TITLE + HEADER + rows * (ROW_NAME + CELL + LABEL + GAP) + MARGIN;
        return new Dimension(w, h);
    }

    /** Number of panel columns for the result's task. */
    public static int columns(EvaluationResult r) {
        return r.spec().colorize() ? 3 : 4;
    }

    /** {@link #write(EvaluationResult, Path)} with {@code beside}'s outputs in a column of their own. */
    public static boolean write(EvaluationResult r, EvaluationResult beside, Path png) throws IOException {
        if (rows(r).isEmpty()) {
            return false;
        }
        if (png.getParent() != null) {
            Files.createDirectories(png.getParent());
        }
        if (!ImageIO.write(render(r, beside), "png", png.toFile())) {
            throw new IOException("no PNG writer");
        }
        return true;
    }

    /**
     * Writes the sheet of the images that kept detail crops.
     *
     * @return {@code false} (and writes nothing) when no image kept crops
     */
    public static boolean write(EvaluationResult r, Path png) throws IOException {
        final List<ImageResult> rows = rows(r);
        if (rows.isEmpty()) {
            return false;
        }
        if (png.getParent() != null) {
            Files.createDirectories(png.getParent());
        }
        if (!ImageIO.write(render(r), "png", png.toFile())) {
            throw new IOException("no PNG writer");
        }
        return true;
    }

    /** Renders the sheet; see the class comment. */
    public static BufferedImage render(EvaluationResult r) {
        return render(r, null);
    }

    /**
     * Renders the sheet, with {@code beside} (nullable: none) as an extra model column.
     *
     * @throws IllegalArgumentException if {@code beside} did not evaluate the same photos
     */
    public static BufferedImage render(EvaluationResult r, EvaluationResult beside) {
        final List<ImageResult> rows = rows(r);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no image of this evaluation kept detail crops");
        }
        final List<ImageResult> besideRows = beside == null ? null : rows(beside);
        if (besideRows != null && !besideRows.stream().map(ImageResult::file).toList()
                .equals(rows.stream().map(ImageResult::file).toList())) {
            throw new IllegalArgumentException("the two evaluations are of different photos");
        }
        final boolean colorize = r.spec().colorize();
        final int cols = columns(r) + (beside == null ? 0 : 1);
        final Dimension size = sizeFor(rows.size(), cols);
        final BufferedImage sheet = new BufferedImage(size.width, size.height, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = sheet.createGraphics();
        try {
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, size.width, size.height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.setColor(INK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(r.spec().task() + " " + r.spec().version() + (beside == null ? "" : " and " + beside.spec().version())
                    + " vs " + r.baselineName(), MARGIN, MARGIN + 16);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.setColor(MUTED);
            g.drawString(subtitle(r), MARGIN, MARGIN + 34);
            final List<String> titles = new java.util.ArrayList<>(colorize
                    ? List.of("gray input (= baseline)", beside == null ? "model" : r.spec().version(), "ground truth")
                    : List.of("input (LR, nearest x" + r.spec().scale() + ")", "bicubic",
                            beside == null ? "model" : r.spec().version(), "ground truth"));
            if (beside != null) {
                titles.add(titles.size() - 1, beside.spec().version());
            }
            g.setColor(INK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            final int top = MARGIN + TITLE;
            for (int c = 0; c < cols; c++) {
                g.drawString(titles.get(c), x(c), top + 17);
            }
            int y = top + HEADER;
            for (int i = 0; i < rows.size(); i++) {
                drawRow(g, r, rows.get(i), besideRows == null ? null : besideRows.get(i), y);
                y += ROW_NAME + CELL + LABEL + GAP;
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    private static void drawRow(Graphics2D g, EvaluationResult r, ImageResult row, ImageResult beside, int y) {
        final boolean colorize = r.spec().colorize();
        final String key = colorize ? EvaluationResult.PSNR_RGB : EvaluationResult.PSNR_Y;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(INK);
        final String dims = row.width() + "x" + row.height() + (row.downscaled() ? " (from " + row.originalWidth() + "x"
                + row.originalHeight() + ")" : "");
        g.drawString(row.name() + "   " + dims, MARGIN, y + 15);
        final int cy = y + ROW_NAME;
        final ImageResult.Panels p = row.panels();
        final List<RgbImage> panels = new java.util.ArrayList<>(colorize ? List.of(p.input(), p.model(), p.truth())
                : List.of(p.input(), p.baseline(), p.model(), p.truth()));
        if (beside != null) {
            panels.add(panels.size() - 1, beside.panels().model());
        }
        for (int c = 0; c < panels.size(); c++) {
            final RgbImage img = panels.get(c);
            final int w = img.width() * ZOOM;
            final int h = img.height() * ZOOM;
            g.drawImage(img.toBufferedImage(), x(c) + (CELL - w) / 2, cy + (CELL - h) / 2, w, h, null);
        }
        final double base = row.baseline().get(key);
        final int ly = cy + CELL + 16;
        g.setColor(MUTED);
        final int baseCol = colorize ? 0 : 1;
        final int modelCol = colorize ? 1 : 2;
        g.drawString(String.format(Locale.ROOT, "%s %s%s", label(key), db(base), sharpness(row.baseline())), x(baseCol), ly);
        modelLabel(g, row, key, base, x(modelCol), ly);
        if (beside != null) {
            modelLabel(g, beside, key, base, x(modelCol + 1), ly);
        }
        if (!colorize) {
            g.setColor(MUTED);
            g.drawString("LR " + row.width() / r.spec().scale() + "x" + row.height() / r.spec().scale(), x(0), ly);
        }
    }

    private static void modelLabel(Graphics2D g, ImageResult row, String key, double base, int x, int y) {
        final double model = row.model().get(key);
        g.setColor(model >= base ? GOOD : BAD);
        final String extra = key.equals(EvaluationResult.PSNR_RGB) ? String.format(Locale.ROOT, ", colour %.0f%% of truth",
                100 * row.model().get(EvaluationResult.COLOURFULNESS_RATIO)) : sharpness(row.model());
        g.drawString(String.format(Locale.ROOT, "%s %s (%+.2f)%s", label(key), db(model), model - base, extra), x, y);
    }

    /** SR only: ", sharp 0.86" (the sharpness statistic of the whole image). */
    private static String sharpness(java.util.Map<String, Double> metrics) {
        final Double s = metrics.get(EvaluationResult.SHARPNESS);
        return s == null ? "" : String.format(Locale.ROOT, ", sharp %.2f", s);
    }

    private static String subtitle(EvaluationResult r) {
        final String crop = "the most " + (r.spec().colorize() ? "colourful " : "detailed ") + Evaluator.DETAIL_SIDE
                + " px square of each image, every panel " + ZOOM + "x nearest";
        final String metric = r.spec().colorize() ? "RGB PSNR" : "PSNR-Y (" + r.options().yConvention().cliName() + ", border " + r.border()
                + ") of the whole image";
        return crop + "; labels: " + metric;
    }

    private static String label(String key) {
        return key.equals(EvaluationResult.PSNR_RGB) ? "PSNR-RGB" : "PSNR-Y";
    }

    private static String db(double v) {
        return Double.isInfinite(v) ? "inf dB" : String.format(Locale.ROOT, "%.2f dB", v);
    }

    private static int x(int column) {
        return MARGIN + column * (CELL + GAP);
    }

    private static List<ImageResult> rows(EvaluationResult r) {
        return r.images().stream().filter(i -> i.panels() != null).toList();
    }
}
