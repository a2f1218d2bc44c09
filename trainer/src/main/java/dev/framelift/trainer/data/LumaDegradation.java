package dev.framelift.trainer.data;

import java.util.SplittableRandom;

/**
 * Colorization pairs: input is the BT.601 luma of the region, target the region itself.
 *
 * <p>{@code realistic} spoils the input the way footage and old scans are spoiled, each with
 * its own probability: a gaussian blur (sigma 0.5 to 2 px), gaussian sensor noise (sigma 1 to 8
 * levels) and a JPEG round trip at quality 30 to 95, applied to the colour region before its
 * luma is taken. The target stays clean, so the network learns to colour from shapes and broad
 * texture that survive those losses rather than from fine texture that does not.
 */
public final class LumaDegradation implements Degradation {
    /** Photos whose chroma standard deviation is below this (8-bit units) count as gray. */
    public static final double GRAY_CHROMA_STD = 2.0;

    private final boolean realistic;

    /** Clean pairs: the input is the exact luma of the target. */
    public LumaDegradation() {
        this(false);
    }

    public LumaDegradation(boolean realistic) {
        this.realistic = realistic;
    }

    @Override
    public int scale() {
        return 1;
    }

    @Override
    public int inputChannels() {
        return 1;
    }

    @Override
    public int regionSide(int patch) {
        return patch;
    }

    @Override
    public Pair make(RgbImage region, int patch, SplittableRandom rnd) {
        return new Pair(realistic ? spoil(region, rnd).luma() : region.luma(), region.pixels());
    }

    private static RgbImage spoil(RgbImage region, SplittableRandom rnd) {
        RgbImage img = region;
        if (rnd.nextDouble() < 0.5) {
            img = SrDegradation.blur(img, 0.5 + rnd.nextDouble() * 1.5);
        }
        if (rnd.nextDouble() < 0.5) {
            img = SrDegradation.noise(img, 1 + rnd.nextDouble() * 7, rnd);
        }
        if (rnd.nextDouble() < 0.6) {
            img = SrDegradation.jpeg(img, 0.30f + (float) rnd.nextDouble() * 0.65f);
        }
        return img;
    }
}
