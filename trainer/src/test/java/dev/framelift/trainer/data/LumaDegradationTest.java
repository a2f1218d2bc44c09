package dev.framelift.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LumaDegradationTest {
    private static RgbImage texture(int side) {
        final byte[] px = new byte[side * side * 3];
        final SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) rnd.nextInt(256);
        }
        return new RgbImage(side, side, px);
    }

    @Test
    void cleanPairIsTheExactLumaAndTheRegion() {
        final RgbImage region = texture(32);
        final Degradation.Pair pair = new LumaDegradation().make(region, 32, new SplittableRandom(1));
        assertArrayEquals(region.luma(), pair.input());
        assertArrayEquals(region.pixels(), pair.target());
    }

    @Test
    void realisticSpoilsTheInputButNeverTheTarget() {
        final RgbImage region = texture(32);
        final LumaDegradation realistic = new LumaDegradation(true);
        final SplittableRandom rnd = new SplittableRandom(7);
        int spoiled = 0;
        for (int i = 0; i < 40; i++) {
            final Degradation.Pair pair = realistic.make(region, 32, rnd);
            assertArrayEquals(region.pixels(), pair.target());
            assertEquals(32 * 32, pair.input().length);
            if (meanAbsDiff(pair.input(), region.luma()) > 2) {
                spoiled++;
            }
        }
        // blur, noise or JPEG each strike about half the time: nearly every pair has at least one
        assertTrue(spoiled >= 30, "spoiled " + spoiled + " of 40");
    }

    @Test
    void realisticPairsAreAFunctionOfTheRandomSeed() {
        final RgbImage region = texture(32);
        final LumaDegradation realistic = new LumaDegradation(true);
        assertArrayEquals(realistic.make(region, 32, new SplittableRandom(11)).input(),
                realistic.make(region, 32, new SplittableRandom(11)).input());
    }

    private static double meanAbsDiff(byte[] a, byte[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xFF) - (b[i] & 0xFF));
        }
        return (double) sum / a.length;
    }
}
