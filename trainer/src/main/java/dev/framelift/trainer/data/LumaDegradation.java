package dev.framelift.trainer.data;

import java.util.SplittableRandom;

/** Colorization pairs: input is the BT.601 luma of the region, target the region itself. */
public final class LumaDegradation implements Degradation {
    /** Photos whose chroma standard deviation is below this (8-bit units) count as gray. */
    public static final double GRAY_CHROMA_STD = 2.0;

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
        return new Pair(region.luma(), region.pixels());
    }
}
