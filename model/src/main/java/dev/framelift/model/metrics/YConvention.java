package dev.framelift.model.metrics;

/**
 * Which luma the Y-channel metrics are computed on. Both work on full-range 8-bit RGB, in
 * double precision, without rounding Y to an integer; the PSNR peak is 255 in both.
 */
public enum YConvention {
    /**
     * BT.601 luma of full-range RGB, {@code Y = 0.299 R + 0.587 G + 0.114 B}, range 0..255. The
     * Y the models themselves use (the colorize input, the model contract).
     */
    BT601,
    /**
     * The studio-range Y of BT.601 YCbCr as MATLAB's {@code rgb2ycbcr} computes it,
     * {@code Y = 16 + (65.481 R + 128.553 G + 24.966 B) / 255}, range 16..235: the convention of
     * most super-resolution papers. Its differences are 219/255 of BT601's, so PSNR on it reads
     * about 1.32 dB higher for the same images.
     */
    YCBCR;

    /** Y of one pixel (components 0..255). */
    public double luma(int r, int g, int b) {
        return switch (this) {
            case BT601 -> 0.299 * r + 0.587 * g + 0.114 * b;
            case YCBCR -> 16.0 + (65.481 * r + 128.553 * g + 24.966 * b) / 255.0;
        };
    }

    /** Y of every pixel of an interleaved RGB image, row-major. */
    public double[] luma(byte[] rgb) {
        final double[] y = new double[rgb.length / 3];
        for (int i = 0, j = 0; i < y.length; i++, j += 3) {
            y[i] = luma(rgb[j] & 0xFF, rgb[j + 1] & 0xFF, rgb[j + 2] & 0xFF);
        }
        return y;
    }

    /** Parses {@code bt601} or {@code ycbcr} (any case). */
    public static YConvention parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "bt601" -> BT601;
            case "ycbcr" -> YCBCR;
            default -> throw new IllegalArgumentException("unknown Y convention '" + s + "' (bt601 or ycbcr)");
        };
    }

    /** The command-line spelling. */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
