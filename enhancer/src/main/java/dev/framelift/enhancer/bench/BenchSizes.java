package dev.framelift.enhancer.bench;

import dev.framelift.schema.Tasks;

/**
 * The input size each task is measured at: 640x360 for {@code sr-x2} (to 720p), 320x180 for
 * {@code sr-x4} (to 720p), 640x480 for {@code colorize}, a flavour like its task; a quarter of each side in a quick run,
 * twice each side on a GPU (1280x720 {@code sr-x2} input).
 *
 * @param multiplier what each side is multiplied by
 * @param divisor    then divided by
 */
record BenchSizes(int multiplier, int divisor) {
    static final BenchSizes FULL = new BenchSizes(1, 1);
    static final BenchSizes QUICK = new BenchSizes(1, 4);
    static final BenchSizes GPU = new BenchSizes(2, 1);

    /** {@code [width, height]} of a task's input frames. */
    int[] input(String task) {
        final int[] full = switch (Tasks.baseOf(task)) {
            case Tasks.SR_X4 -> new int[] {320, 180};
            case Tasks.COLORIZE -> new int[] {640, 480};
            default -> new int[] {640, 360};
        };
        return new int[] {full[0] * multiplier / divisor, full[1] * multiplier / divisor};
    }
}
