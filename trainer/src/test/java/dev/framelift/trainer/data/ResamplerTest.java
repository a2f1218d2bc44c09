package dev.framelift.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class ResamplerTest {
    @Test
    void shouldKeepAConstantImageConstantWhenScalingUpAndDown() {
        float[] img = new float[20 * 12 * 3];
        Arrays.fill(img, 77f);
        for (float v : Resampler.resizeBicubic(img, 20, 12, 3, 10, 6)) {
            assertThat(v).isCloseTo(77f, within(1e-3f));
        }
        for (float v : Resampler.resizeBicubic(img, 20, 12, 3, 53, 31)) {
            assertThat(v).isCloseTo(77f, within(1e-3f));
        }
    }

    @Test
    void shouldStretchTheKernelWhenDownscalingLikePillow() {
        // 1-D step 0,0,255,255 to 2 samples: taps cubic(+-0.25), cubic(0.75), cubic(1.25) renormalised
        float[] img = {0, 0, 255, 255};
        float[] out = Resampler.resizeBicubic(img, 4, 1, 1, 2, 1);
        double expected = 255 * (0.2265625 - 0.0703125) / (0.8671875 * 2 + 0.2265625 - 0.0703125);
        assertThat((double) out[0]).isCloseTo(expected, within(1e-4));
        assertThat((double) out[1]).isCloseTo(255 - expected, within(1e-4));
    }

    @Test
    void shouldAverageAFineStripePatternInsteadOfAliasingIt() {
        int w = 32;
        byte[] img = new byte[w * 8 * 3];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < w; x++) {
                Arrays.fill(img, (y * w + x) * 3, (y * w + x) * 3 + 3, (byte) (x % 2 == 0 ? 0 : 255));
            }
        }
        byte[] out = Resampler.resizeBicubic(img, w, 8, 3, w / 2, 4);
        // away from the borders every output pixel sees both stripes equally
        for (int x = 3; x < w / 2 - 3; x++) {
            assertThat(out[(1 * (w / 2) + x) * 3] & 0xFF).isBetween(126, 129);
        }
    }

    @Test
    void shouldReproduceALinearRampInsideWhenUpscaling() {
        float[] ramp = new float[16];
        for (int x = 0; x < 16; x++) {
            ramp[x] = 10 * x;
        }
        float[] out = Resampler.resizeBicubic(ramp, 16, 1, 1, 32, 1);
        for (int x = 4; x < 28; x++) {
            // output pixel x centre maps to input coordinate (x + 0.5) / 2 - 0.5
            assertThat(out[x]).isCloseTo(10f * ((x + 0.5f) / 2 - 0.5f), within(1e-3f));
        }
    }

    @Test
    void shouldRoundAndClipBytes() {
        assertThat(Resampler.toBytes(new float[] {-3f, 0.4f, 127.5f, 300f})).containsExactly(0, 0, (byte) 128, (byte) 255);
    }
}
