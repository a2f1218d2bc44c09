package dev.framelift.trainer.data;

/**
 * One training batch: {@code size} inputs of {@code inH x inW x inC} uint8 and their targets
 * of {@code outH x outW x 3} uint8, both NHWC interleaved.
 */
public record Batch(int size, int inH, int inW, int inC, byte[] inputs, int outH, int outW, byte[] targets) {
    public long[] inputShape() {
        return new long[] {size, inH, inW, inC};
    }

    public long[] targetShape() {
        return new long[] {size, outH, outW, 3};
    }
}
