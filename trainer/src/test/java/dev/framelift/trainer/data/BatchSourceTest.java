package dev.framelift.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class BatchSourceTest {
    static RgbImage photo(int w, int h, long seed) {
        byte[] px = new byte[w * h * 3];
        new Random(seed).nextBytes(px);
        return new RgbImage(w, h, px);
    }

    @Test
    void shouldMakeTheSameBatchForAStepWhateverTheOrderOrThread() {
        List<RgbImage> photos = List.of(photo(80, 60, 1), photo(70, 90, 2));
        Degradation deg = new SrDegradation(2, true);
        try (BatchSource a = new BatchSource(photos, deg, 3, 32, 9, 0, 2, 3);
                BatchSource b = new BatchSource(photos, deg, 3, 32, 9, 5, 1, 1)) {
            Batch fromA = null;
            for (int i = 0; i <= 5; i++) {
                fromA = a.next();
            }
            Batch fromB = b.next();
            assertThat(fromB.inputs()).isEqualTo(fromA.inputs());
            assertThat(fromB.targets()).isEqualTo(fromA.targets());
            assertThat(fromA.inputShape()).containsExactly(3, 16, 16, 3);
            assertThat(fromA.targetShape()).containsExactly(3, 32, 32, 3);
        }
    }

    @Test
    void shouldFeedLumaToTheColorizer() {
        Degradation deg = new LumaDegradation();
        try (BatchSource s = new BatchSource(List.of(photo(40, 40, 3)), deg, 2, 16, 1, 0, 1, 1)) {
            Batch b = s.make(0);
            assertThat(b.inputShape()).containsExactly(2, 16, 16, 1);
            RgbImage target = new RgbImage(16, 16, java.util.Arrays.copyOf(b.targets(), 16 * 16 * 3));
            assertThat(java.util.Arrays.copyOf(b.inputs(), 256)).isEqualTo(target.luma());
        }
    }

    @Test
    void shouldDownscaleWithTheBicubicResamplerForCleanSr() {
        RgbImage region = photo(32 + 4 * SrDegradation.MARGIN * 4 / 4 * 2, 40, 4).crop(0, 0, 40, 40);
        Degradation.Pair pair = new SrDegradation(4, false).make(region, 24, new java.util.SplittableRandom(1));
        RgbImage lr = region.resize(10, 10).crop(2, 2, 6, 6);
        assertThat(pair.input()).isEqualTo(lr.pixels());
        assertThat(pair.target()).isEqualTo(region.crop(8, 8, 24, 24).pixels());
    }

    @Test
    void shouldZoomOutOfLargerRegionsWhenAsked() {
        // a one-pixel checkerboard: any downscale turns it towards flat gray
        byte[] px = new byte[200 * 200 * 3];
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 200; x++) {
                java.util.Arrays.fill(px, (y * 200 + x) * 3, (y * 200 + x) * 3 + 3, (byte) (((x + y) & 1) == 0 ? 0 : 255));
            }
        }
        List<RgbImage> photos = List.of(new RgbImage(200, 200, px));
        Degradation deg = new LumaDegradation();
        try (BatchSource plain = new BatchSource(photos, List.of(), 1, deg, 4, 32, 5, 0, 1, 1);
                BatchSource zoomed = new BatchSource(photos, List.of(), 4, deg, 4, 32, 5, 0, 1, 1)) {
            assertThat(zoomed.make(3).targets()).isEqualTo(zoomed.make(3).targets());
            assertThat(contrast(plain.make(3).targets())).isGreaterThan(240);
            assertThat(contrast(zoomed.make(3).targets())).isLessThan(200);
        }
    }

    /** Mean absolute difference between horizontal neighbours. */
    private static double contrast(byte[] rgb) {
        double sum = 0;
        for (int i = 3; i < rgb.length; i += 3) {
            sum += Math.abs((rgb[i] & 0xFF) - (rgb[i - 3] & 0xFF));
        }
        return sum / (rgb.length / 3 - 1);
    }

    static RgbImage flat(int side, int level) {
        byte[] px = new byte[side * side * 3];
        java.util.Arrays.fill(px, (byte) level);
        return new RgbImage(side, side, px);
    }

    @Test
    void shouldDrawPhotosAsOftenAsTheirWeightsSay() {
        // photo 0 is too small to crop and drops out; of the other two, the bright one weighs three times the dark one
        List<RgbImage> photos = List.of(flat(8, 200), flat(40, 20), flat(40, 220));
        Degradation deg = new LumaDegradation();
        int bright = 0;
        int items = 0;
        try (BatchSource s = new BatchSource(photos, List.of(), new double[] {100, 1, 3}, 1, deg, 8, 16, 5, 0, 1, 1)) {
            for (int step = 0; step < 100; step++) {
                byte[] inputs = s.make(step).inputs();
                for (int i = 0; i < inputs.length; i += 16 * 16) {
                    bright += (inputs[i] & 0xFF) > 120 ? 1 : 0;
                    items++;
                }
            }
        }
        assertThat(items).isEqualTo(800);
        assertThat(bright / (double) items).as("share of the bright photo").isBetween(0.70, 0.80);
    }

    @Test
    void shouldRefuseWeightsThatDoNotMatchTheItems() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BatchSource(List.of(flat(40, 20)), List.of(),
                new double[] {1, 2}, 1, new LumaDegradation(), 2, 16, 1, 0, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 weights for 1 photos");
    }
}
