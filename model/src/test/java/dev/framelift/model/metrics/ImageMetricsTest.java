package dev.framelift.model.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

class ImageMetricsTest {
    private static final int W = 48;
    private static final int H = 40;

    private static byte[] randomImage(long seed) {
        byte[] px = new byte[W * H * 3];
        new Random(seed).nextBytes(px);
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (20 + (px[i] & 0xFF) * 200 / 255); // 20..220: room for +-e without clipping
        }
        return px;
    }

    private static byte[] plus(byte[] px, int e) {
        byte[] out = new byte[px.length];
        for (int i = 0; i < px.length; i++) {
            out[i] = (byte) ((px[i] & 0xFF) + e);
        }
        return out;
    }

    @Test
    void shouldGiveInfinitePsnrForIdenticalImages() {
        byte[] a = randomImage(1);
        assertThat(ImageMetrics.psnrY(a, a.clone(), W, H, 2, YConvention.BT601)).isInfinite().isPositive();
        assertThat(ImageMetrics.psnrY(a, a.clone(), W, H, 2, YConvention.YCBCR)).isInfinite().isPositive();
        assertThat(ImageMetrics.psnrRgb(a, a.clone(), W, H, 0)).isInfinite().isPositive();
    }

    @Test
    void shouldGiveTenLog10PeakSquaredOverESquaredForAUniformError() {
        byte[] a = randomImage(2);
        for (int e : new int[] {1, 3, 10}) {
            double expected = 10 * Math.log10(255.0 * 255.0 / (e * e));
            assertThat(ImageMetrics.psnrRgb(a, plus(a, e), W, H, 0)).isCloseTo(expected, within(1e-9));
            assertThat(ImageMetrics.psnrRgb(a, plus(a, -e), W, H, 4)).isCloseTo(expected, within(1e-9));
            // BT.601 luma weights sum to 1: Y is off by e too
            assertThat(ImageMetrics.psnrY(a, plus(a, e), W, H, 2, YConvention.BT601)).isCloseTo(expected, within(1e-9));
        }
    }

    @Test
    void shouldScaleTheErrorBy219Over255OnStudioRangeY() {
        byte[] a = randomImage(3);
        double ey = 5 * 219.0 / 255.0; // (65.481 + 128.553 + 24.966) / 255 = 219 / 255
        double expected = 10 * Math.log10(255.0 * 255.0 / (ey * ey));
        assertThat(ImageMetrics.psnrY(a, plus(a, 5), W, H, 2, YConvention.YCBCR)).isCloseTo(expected, within(1e-9));
        assertThat(expected - ImageMetrics.psnrY(a, plus(a, 5), W, H, 2, YConvention.BT601)).isCloseTo(1.3218, within(1e-3));
    }

    @Test
    void shouldScaleChromaAboutEachPixelsLumaAndClip() {
        byte[] a = randomImage(4);
        assertThat(ImageMetrics.scaleChroma(a, 1)).containsExactly(a);
        assertThat(ImageMetrics.colourfulness(ImageMetrics.scaleChroma(a, 0))).isCloseTo(0, within(1.0));
        byte[] px = {(byte) 200, 100, 50};
        double y = 0.299 * 200 + 0.587 * 100 + 0.114 * 50;
        byte[] half = ImageMetrics.scaleChroma(px, 0.5);
        assertThat(half[0] & 0xFF).isEqualTo((int) Math.round(y + 0.5 * (200 - y)));
        assertThat(half[2] & 0xFF).isEqualTo((int) Math.round(y + 0.5 * (50 - y)));
        byte[] loud = ImageMetrics.scaleChroma(px, 4);
        assertThat(new int[] {loud[0] & 0xFF, loud[2] & 0xFF}).containsExactly(255, 0);
    }

    @Test
    void shouldMeasureGradientMagnitudeOfARampAndLessOfABlurredImage() {
        byte[] ramp = new byte[W * H * 3];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                java.util.Arrays.fill(ramp, (y * W + x) * 3, (y * W + x) * 3 + 3, (byte) (3 * x));
            }
        }
        // a horizontal ramp of 3 levels per pixel in every channel: luma gradient 3 everywhere
        assertThat(ImageMetrics.gradientMagnitude(ramp, W, H, 1)).isCloseTo(3.0, within(1e-9));
        byte[] sharp = randomImage(6);
        byte[] soft = boxBlur(sharp);
        assertThat(ImageMetrics.gradientMagnitude(soft, W, H, 2)).isLessThan(0.8 * ImageMetrics.gradientMagnitude(sharp, W, H, 2));
    }

    /** A 3x3 mean filter (edges clamped): a softened copy of the image. */
    private static byte[] boxBlur(byte[] rgb) {
        byte[] out = new byte[rgb.length];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                for (int c = 0; c < 3; c++) {
                    int sum = 0;
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int yy = Math.min(H - 1, Math.max(0, y + dy));
                            int xx = Math.min(W - 1, Math.max(0, x + dx));
                            sum += rgb[(yy * W + xx) * 3 + c] & 0xFF;
                        }
                    }
                    out[(y * W + x) * 3 + c] = (byte) Math.round(sum / 9.0f);
                }
            }
        }
        return out;
    }

    @Test
    void shouldIgnoreDifferencesInsideTheCroppedBorder() {
        byte[] a = randomImage(4);
        byte[] b = a.clone();
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                if (x < 2 || y < 2 || x >= W - 2 || y >= H - 2) {
                    b[(y * W + x) * 3 + 1] ^= 0x40;
                }
            }
        }
        assertThat(ImageMetrics.psnrY(a, b, W, H, 2, YConvention.BT601)).isInfinite();
        assertThat(ImageMetrics.psnrY(a, b, W, H, 1, YConvention.BT601)).isFinite();
        assertThat(ImageMetrics.ssimY(a, b, W, H, 2, YConvention.BT601)).isEqualTo(1.0);
    }

    @Test
    void shouldGiveSsimOfOneForIdenticalImagesAndLessForNoisyOnes() {
        byte[] a = randomImage(5);
        assertThat(ImageMetrics.ssimY(a, a.clone(), W, H, 0, YConvention.BT601)).isCloseTo(1.0, within(1e-12));
        byte[] noisy = a.clone();
        Random r = new Random(9);
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] = (byte) Math.max(0, Math.min(255, (noisy[i] & 0xFF) + (int) Math.round(r.nextGaussian() * 20)));
        }
        double s = ImageMetrics.ssimY(a, noisy, W, H, 0, YConvention.BT601);
        assertThat(s).isLessThan(0.95).isGreaterThan(0.0);
        assertThat(ImageMetrics.ssimY(noisy, a, W, H, 0, YConvention.BT601)).isCloseTo(s, within(1e-12));
    }

    @Test
    void shouldGiveSsimOfAConstantShiftFromTheLuminanceTermAlone() {
        // a uniform +e leaves variances and covariance unchanged: SSIM = mean of (2 mx my + C1) / (mx² + my² + C1)
        double[] a = new double[20 * 20];
        double[] b = new double[a.length];
        java.util.Arrays.fill(a, 100);
        java.util.Arrays.fill(b, 110);
        double c1 = Math.pow(0.01 * 255, 2);
        double expected = (2 * 100.0 * 110 + c1) / (100.0 * 100 + 110.0 * 110 + c1);
        assertThat(ImageMetrics.ssim(a, b, 20, 20)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void shouldRejectImagesSmallerThanTheSsimWindow() {
        byte[] a = new byte[12 * 12 * 3];
        assertThatThrownBy(() -> ImageMetrics.ssimY(a, a, 12, 12, 1, YConvention.BT601)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldGiveZeroColourfulnessForAGrayImage() {
        byte[] gray = new byte[W * H * 3];
        Random r = new Random(6);
        for (int i = 0; i < W * H; i++) {
            byte v = (byte) r.nextInt(256);
            gray[3 * i] = v;
            gray[3 * i + 1] = v;
            gray[3 * i + 2] = v;
        }
        assertThat(ImageMetrics.colourfulness(gray)).isEqualTo(0.0);
    }

    @Test
    void shouldMatchTheHaslerSuesstrunkFormulaOnHalfRedHalfBlack() {
        // rg = 255 or 0, yb = 127.5 or 0: mean and std of each are half the value
        byte[] px = new byte[100 * 3];
        for (int i = 0; i < 50; i++) {
            px[3 * i] = (byte) 255;
        }
        double s = Math.sqrt(127.5 * 127.5 + 63.75 * 63.75);
        assertThat(ImageMetrics.colourfulness(px)).isCloseTo(s + 0.3 * s, within(1e-9));
    }

    /** A deterministic pair: smooth colour waves, and the same plus uniform noise and a step. */
    private static byte[][] referencePair() {
        int w = 61;
        int h = 47;
        Random r = new Random(2026);
        byte[] a = new byte[w * h * 3];
        byte[] b = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    int i = (y * w + x) * 3 + c;
                    int v = (int) Math.round(128 + 90 * Math.sin(x / (5.0 + c) + y / (9.0 - c)));
                    int n = v + r.nextInt(31) - 15 + (x > 30 ? 4 : 0);
                    a[i] = (byte) v;
                    b[i] = (byte) Math.max(0, Math.min(255, n));
                }
            }
        }
        return new byte[][] {a, b};
    }

    /**
     * Reference values from scikit-image 0.19.3 on the same pair saved as PNG:
     * {@code peak_signal_noise_ratio(.., data_range=255)} and {@code structural_similarity(..,
     * gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=255)} on the Y plane
     * (0.299R+0.587G+0.114B, or {@code skimage.color.rgb2ycbcr(..)[..., 0]}) with a 3 px border cut.
     */
    @Test
    void shouldAgreeWithScikitImageOnAReferencePair() {
        byte[][] p = referencePair();
        assertThat(ImageMetrics.psnrY(p[0], p[1], 61, 47, 3, YConvention.BT601)).isCloseTo(31.807288, within(2e-6));
        assertThat(ImageMetrics.ssimY(p[0], p[1], 61, 47, 3, YConvention.BT601)).isCloseTo(0.925469, within(2e-6));
        assertThat(ImageMetrics.psnrY(p[0], p[1], 61, 47, 3, YConvention.YCBCR)).isCloseTo(33.129209, within(2e-6));
        assertThat(ImageMetrics.ssimY(p[0], p[1], 61, 47, 3, YConvention.YCBCR)).isCloseTo(0.930693, within(2e-6));
        assertThat(ImageMetrics.psnrRgb(p[0], p[1], 61, 47, 0)).isCloseTo(28.712792, within(2e-6));
    }
}
