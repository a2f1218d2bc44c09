package dev.framelift.model.runtime;

import java.util.Locale;

import dev.framelift.model.Image;
import dev.framelift.model.metrics.SelfConsistency;

/**
 * A canary inference before a model is trusted with live frames: a textured 48x40 frame must
 * come back at the right size (checked by {@link ContractModel#enhance}), not constant, and
 * self-consistent (its output taken back to the input's form within {@value #MIN_CONSISTENCY_DB}
 * dB of the input). The output of the contract is uint8, so a graph that produces NaN or
 * infinities inside shows up here as a constant or saturated image, not as non-finite values.
 * Stateless.
 */
public final class Canary {
    /** Below this self-consistency a model's output has little to do with its input. */
    public static final double MIN_CONSISTENCY_DB = 15.0;
    /** An output whose samples spread less than this (standard deviation, levels) is constant. */
    public static final double MIN_SPREAD = 1.0;
    private static final int WIDTH = 48;
    private static final int HEIGHT = 40;

    private Canary() {
    }

    /** What the canary saw. */
    public record Result(double spread, double consistencyDb) {
    }

    /**
     * Runs the canary on {@code model}.
     *
     * @throws ContractViolation of kind {@link ContractViolation.Kind#OUTPUT} saying what is wrong
     */
    public static Result check(ContractModel model) throws ContractViolation {
        final Image probe = probe(model.inputChannels());
        final Image out;
        try {
            out = model.enhance(probe);
        } catch (RuntimeException e) {
            throw new ContractViolation(ContractViolation.Kind.OUTPUT, "canary inference of " + model.version()
                    + " failed: " + e.getMessage(), e);
        }
        final double spread = spread(out.pixels());
        if (spread < MIN_SPREAD) {
            throw new ContractViolation(ContractViolation.Kind.OUTPUT, String.format(Locale.ROOT,
                    "canary: %s returns a constant image (spread %.2f levels) for a textured frame; NaN or a dead graph",
                    model.version(), spread));
        }
        final double consistency = SelfConsistency.score(probe, out, model.scale());
        if (consistency < MIN_CONSISTENCY_DB) {
            throw new ContractViolation(ContractViolation.Kind.OUTPUT, String.format(Locale.ROOT,
                    "canary: %s's output does not match its input (self-consistency %.1f dB, at least %.0f expected)",
                    model.version(), consistency, MIN_CONSISTENCY_DB));
        }
        return new Result(spread, consistency);
    }

    /** Smooth gradients, a hard edge and a fine checker: structure any real model keeps. */
    static Image probe(int channels) {
        final byte[] p = new byte[WIDTH * HEIGHT * channels];
        int i = 0;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                for (int c = 0; c < channels; c++) {
                    final int v = 40 + x * 3 + y * 2 + c * 25 + (x > WIDTH / 2 ? 30 : 0) + (((x / 2 + y / 2) & 1) == 0 ? 8 : -8);
                    p[i++] = (byte) Math.max(0, Math.min(255, v));
                }
            }
        }
        return new Image(WIDTH, HEIGHT, channels, p);
    }

    private static double spread(byte[] samples) {
        double sum = 0;
        for (byte b : samples) {
            sum += b & 0xFF;
        }
        final double mean = sum / samples.length;
        double var = 0;
        for (byte b : samples) {
            final double d = (b & 0xFF) - mean;
            var += d * d;
        }
        return Math.sqrt(var / samples.length);
    }
}
