package dev.framelift.model.metrics;

/**
 * Image quality metrics on interleaved row-major 8-bit RGB images of equal size
 * ({@code (y * w + x) * 3 + c}), computed in double precision. Pure functions; thread-safe.
 *
 * <ul>
 * <li>PSNR: {@code 10 log10(255² / MSE)}, peak 255 for every convention. Identical images give
 * {@link Double#POSITIVE_INFINITY} (no cap).</li>
 * <li>The Y metrics use the luma of a {@link YConvention} (BT.601 full range by default), not
 * rounded, after cropping {@code border} pixels from every side (the SR custom: border = scale,
 * because the outermost pixels depend on how each method pads).</li>
 * <li>SSIM: Wang et al. 2004 on Y over the 0..255 range: an 11x11 Gaussian window with
 * sigma 1.5 (normalised), K1 = 0.01, K2 = 0.03, population (co)variances, evaluated at every
 * position where the window fits inside the cropped image, mean of the SSIM map; no automatic
 * downsampling. It matches scikit-image's {@code structural_similarity(gaussian_weights=True,
 * sigma=1.5, use_sample_covariance=False, data_range=255)} on the same Y plane.</li>
 * <li>Colourfulness: Hasler and Süsstrunk 2003, {@code rg = R - G}, {@code yb = (R + G) / 2 - B},
 * {@code sqrt(σrg² + σyb²) + 0.3 sqrt(μrg² + μyb²)} over all pixels; 0 for any gray image.</li>
 * <li>Chroma scaling ({@link #scaleChroma}): a colorizer's output moved towards gray (or away from
 * it) about each pixel's BT.601 luma, as a lower (or higher) chroma gain would.</li>
 * </ul>
 */
public final class ImageMetrics {
    /** Side of the SSIM window. */
    public static final int SSIM_WINDOW = 11;
    /** Standard deviation of the SSIM Gaussian window, in pixels. */
    public static final double SSIM_SIGMA = 1.5;
    private static final double PEAK = 255.0;
    private static final double C1 = (0.01 * PEAK) * (0.01 * PEAK);
    private static final double C2 = (0.03 * PEAK) * (0.03 * PEAK);

    private ImageMetrics() {
    }

    /** PSNR of a mean squared error on the 0..255 scale; infinite for 0. */
    public static double psnr(double mse) {
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(PEAK * PEAK / mse);
    }

    /** PSNR of the Y channel of two RGB images after cropping {@code border} pixels per side. */
    public static double psnrY(byte[] a, byte[] b, int w, int h, int border, YConvention y) {
        check(a, b, w, h, border);
        double se = 0;
        for (int r = border; r < h - border; r++) {
            for (int x = border, j = (r * w + border) * 3; x < w - border; x++, j += 3) {
                final double d = y.luma(a[j] & 0xFF, a[j + 1] & 0xFF, a[j + 2] & 0xFF) - y.luma(b[j] & 0xFF, b[j + 1] & 0xFF, b[j + 2] & 0xFF);
                se += d * d;
            }
        }
        return psnr(se / ((double) (w - 2 * border) * (h - 2 * border)));
    }

    /**
     * Mean gradient magnitude of the Y channel (central differences, BT.601 luma) inside a
     * {@code border}: how much edge and texture contrast an image has. The ratio of an upscale's
     * to the truth's is a sharpness statistic: bicubic scores below 1 (too soft); a generator
     * that draws texture can score near or above 1 whatever its PSNR.
     */
    public static double gradientMagnitude(byte[] rgb, int w, int h, int border) {
        final int b = Math.max(1, border);
        if (w <= 2 * b || h <= 2 * b) {
            throw new IllegalArgumentException("image of " + w + "x" + h + " too small for a border of " + border);
        }
        double sum = 0;
        for (int r = b; r < h - b; r++) {
            for (int x = b; x < w - b; x++) {
                final double gx = (luma(rgb, (r * w + x + 1) * 3) - luma(rgb, (r * w + x - 1) * 3)) / 2;
                final double gy = (luma(rgb, ((r + 1) * w + x) * 3) - luma(rgb, ((r - 1) * w + x) * 3)) / 2;
                sum += Math.sqrt(gx * gx + gy * gy);
            }
        }
        return sum / ((double) (w - 2 * b) * (h - 2 * b));
    }

    private static double luma(byte[] rgb, int j) {
        return YConvention.BT601.luma(rgb[j] & 0xFF, rgb[j + 1] & 0xFF, rgb[j + 2] & 0xFF);
    }

    /** PSNR over all three RGB channels after cropping {@code border} pixels per side. */
    public static double psnrRgb(byte[] a, byte[] b, int w, int h, int border) {
        check(a, b, w, h, border);
        double se = 0;
        for (int r = border; r < h - border; r++) {
            final int end = (r * w + w - border) * 3;
            for (int j = (r * w + border) * 3; j < end; j++) {
                final double d = (a[j] & 0xFF) - (b[j] & 0xFF);
                se += d * d;
            }
        }
        return psnr(se / (3.0 * (w - 2 * border) * (h - 2 * border)));
    }

    /**
     * Mean SSIM of the Y channels after cropping {@code border} pixels per side; the cropped
     * image must be at least {@value #SSIM_WINDOW} pixels on both sides.
     */
    public static double ssimY(byte[] a, byte[] b, int w, int h, int border, YConvention y) {
        check(a, b, w, h, border);
        final int cw = w - 2 * border;
        final int ch = h - 2 * border;
        if (cw < SSIM_WINDOW || ch < SSIM_WINDOW) {
            throw new IllegalArgumentException("SSIM needs at least " + SSIM_WINDOW + " px per side after the border, got "
                    + cw + "x" + ch);
        }
        final double[] ya = crop(y.luma(a), w, border, cw, ch);
        final double[] yb = crop(y.luma(b), w, border, cw, ch);
        return ssim(ya, yb, cw, ch);
    }

    /** Mean SSIM of two single-channel planes of {@code w x h} values on the 0..255 scale. */
    public static double ssim(double[] a, double[] b, int w, int h) {
        final double[] g = gaussian();
        final int ow = w - SSIM_WINDOW + 1;
        final int oh = h - SSIM_WINDOW + 1;
        final double[] aa = new double[a.length];
        final double[] bb = new double[a.length];
        final double[] ab = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            aa[i] = a[i] * a[i];
            bb[i] = b[i] * b[i];
            ab[i] = a[i] * b[i];
        }
        final double[] muA = filter(a, w, h, g);
        final double[] muB = filter(b, w, h, g);
        final double[] eAA = filter(aa, w, h, g);
        final double[] eBB = filter(bb, w, h, g);
        final double[] eAB = filter(ab, w, h, g);
        double sum = 0;
        for (int i = 0; i < ow * oh; i++) {
            final double ma = muA[i];
            final double mb = muB[i];
            final double va = eAA[i] - ma * ma;
            final double vb = eBB[i] - mb * mb;
            final double cov = eAB[i] - ma * mb;
            sum += (2 * ma * mb + C1) * (2 * cov + C2) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
        }
        return sum / ((double) ow * oh);
    }

    /** Hasler–Süsstrunk colourfulness of an interleaved RGB image. */
    public static double colourfulness(byte[] rgb) {
        final int n = rgb.length / 3;
        if (n == 0) {
            return 0;
        }
        double srg = 0;
        double syb = 0;
        for (int j = 0; j < rgb.length; j += 3) {
            final int r = rgb[j] & 0xFF;
            final int g = rgb[j + 1] & 0xFF;
            final int b = rgb[j + 2] & 0xFF;
            srg += r - g;
            syb += 0.5 * (r + g) - b;
        }
        final double mrg = srg / n;
        final double myb = syb / n;
        // second pass around the mean: no cancellation for large images
        double vrg = 0;
        double vyb = 0;
        for (int j = 0; j < rgb.length; j += 3) {
            final int r = rgb[j] & 0xFF;
            final int g = rgb[j + 1] & 0xFF;
            final int b = rgb[j + 2] & 0xFF;
            final double drg = r - g - mrg;
            final double dyb = 0.5 * (r + g) - b - myb;
            vrg += drg * drg;
            vyb += dyb * dyb;
        }
        return Math.sqrt(vrg / n + vyb / n) + 0.3 * Math.sqrt(mrg * mrg + myb * myb);
    }

    /**
     * {@code rgb}'s chroma scaled by {@code s} about each pixel's BT.601 luma:
     * {@code y + s * (c - y)} per channel, rounded and clipped to 0..255. Scale 1 returns the
     * image unchanged, 0 its gray.
     */
    public static byte[] scaleChroma(byte[] rgb, double s) {
        final byte[] out = new byte[rgb.length];
        for (int i = 0; i < rgb.length; i += 3) {
            final int r = rgb[i] & 0xFF;
            final int g = rgb[i + 1] & 0xFF;
            final int b = rgb[i + 2] & 0xFF;
            final double y = 0.299 * r + 0.587 * g + 0.114 * b;
            out[i] = clip(y + s * (r - y));
            out[i + 1] = clip(y + s * (g - y));
            out[i + 2] = clip(y + s * (b - y));
        }
        return out;
    }

    private static byte clip(double v) {
        return (byte) Math.max(0, Math.min(255, Math.round(v)));
    }

    /** The normalised 1-D Gaussian of the SSIM window (the 2-D window is its outer product). */
    static double[] gaussian() {
        final double[] g = new double[SSIM_WINDOW];
        final int c = SSIM_WINDOW / 2;
        double sum = 0;
        for (int i = 0; i < SSIM_WINDOW; i++) {
            g[i] = Math.exp(-((i - c) * (i - c)) / (2 * SSIM_SIGMA * SSIM_SIGMA));
            sum += g[i];
        }
        for (int i = 0; i < SSIM_WINDOW; i++) {
            g[i] /= sum;
        }
        return g;
    }

    /** Separable 'valid' filtering: the output is (w - k + 1) x (h - k + 1). */
    private static double[] filter(double[] src, int w, int h, double[] k) {
        final int n = k.length;
        final int ow = w - n + 1;
        final int oh = h - n + 1;
        final double[] tmp = new double[ow * h];
        for (int y = 0; y < h; y++) {
            final int row = y * w;
            for (int x = 0; x < ow; x++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += k[i] * src[row + x + i];
                }
                tmp[y * ow + x] = s;
            }
        }
        final double[] out = new double[ow * oh];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += k[i] * tmp[(y + i) * ow + x];
                }
                out[y * ow + x] = s;
            }
        }
        return out;
    }

    private static double[] crop(double[] plane, int w, int border, int cw, int ch) {
        if (border == 0) {
            return plane;
        }
        final double[] out = new double[cw * ch];
        for (int r = 0; r < ch; r++) {
            System.arraycopy(plane, (r + border) * w + border, out, r * cw, cw);
        }
        return out;
    }

    private static void check(byte[] a, byte[] b, int w, int h, int border) {
        if (a.length != b.length || (long) w * h * 3 != a.length) {
            throw new IllegalArgumentException("images must both be " + w + "x" + h + " RGB");
        }
        if (border < 0 || 2 * border >= w || 2 * border >= h) {
            throw new IllegalArgumentException("border " + border + " leaves nothing of " + w + "x" + h);
        }
    }
}
