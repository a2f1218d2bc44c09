package dev.framelift.trainer.train;

/**
 * The validation metrics on interleaved uint8 RGB images of equal size. Pure functions.
 */
public final class ImageMetrics {
    private ImageMetrics() {
    }

    /** PSNR of BT.601 luma (peak 255). */
    public static double psnrY(byte[] a, byte[] b) {
        double se = 0;
        int n = a.length / 3;
        for (int j = 0; j < a.length; j += 3) {
            double ya = 0.299 * (a[j] & 0xFF) + 0.587 * (a[j + 1] & 0xFF) + 0.114 * (a[j + 2] & 0xFF);
            double yb = 0.299 * (b[j] & 0xFF) + 0.587 * (b[j + 1] & 0xFF) + 0.114 * (b[j + 2] & 0xFF);
            se += (ya - yb) * (ya - yb);
        }
        return psnr(se / n);
    }

    /** PSNR over all RGB samples (peak 255). */
    public static double psnrRgb(byte[] a, byte[] b) {
        double se = 0;
        for (int j = 0; j < a.length; j++) {
            double d = (a[j] & 0xFF) - (b[j] & 0xFF);
            se += d * d;
        }
        return psnr(se / a.length);
    }

    private static double psnr(double mse) {
        return 10 * Math.log10(255.0 * 255.0 / Math.max(mse, 1e-10));
    }

    /** Hasler and Suesstrunk's colourfulness: std and mean of the rg and yb opponent channels. */
    public static double colourfulness(byte[] rgb) {
        double srg = 0;
        double srg2 = 0;
        double syb = 0;
        double syb2 = 0;
        int n = rgb.length / 3;
        for (int j = 0; j < rgb.length; j += 3) {
            int r = rgb[j] & 0xFF;
            int g = rgb[j + 1] & 0xFF;
            int b = rgb[j + 2] & 0xFF;
            double rg = r - g;
            double yb = 0.5 * (r + g) - b;
            srg += rg;
            srg2 += rg * rg;
            syb += yb;
            syb2 += yb * yb;
        }
        double mrg = srg / n;
        double myb = syb / n;
        double vrg = Math.max(0, srg2 / n - mrg * mrg);
        double vyb = Math.max(0, syb2 / n - myb * myb);
        return Math.sqrt(vrg + vyb) + 0.3 * Math.sqrt(mrg * mrg + myb * myb);
    }
}
