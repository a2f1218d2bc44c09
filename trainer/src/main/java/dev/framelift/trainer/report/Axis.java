package dev.framelift.trainer.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A value axis of a chart: a data range mapped to a pixel range, linear or base-10
 * logarithmic, with "nice" tick values (1, 2, 5 x 10^k; decades on a log axis). Immutable.
 */
final class Axis {
    final double lo;
    final double hi;
    final boolean log;

    private Axis(double lo, double hi, boolean log) {
        this.lo = lo;
        this.hi = hi;
        this.log = log;
    }

    /** A linear axis covering [min, max] rounded outwards to ticks; a flat range is widened. */
    static Axis linear(double min, double max) {
        if (!(max > min)) {
            double pad = Math.max(Math.abs(min) * 0.05, 1e-3);
            min -= pad;
            max += pad;
        }
        double step = niceStep((max - min) / 5);
        return new Axis(Math.floor(min / step) * step, Math.ceil(max / step) * step, false);
    }

    /**
     * A linear axis that ends exactly at the data (for the step axis: no empty room after the
     * last step); ticks stay on nice values inside it.
     */
    static Axis exact(double min, double max) {
        if (!(max > min)) {
            return linear(min, max);
        }
        return new Axis(min, max, false);
    }

    /** A log axis from the decade below {@code min} to the decade above {@code max} (both > 0). */
    static Axis log(double min, double max) {
        return new Axis(Math.pow(10, Math.floor(Math.log10(min))), Math.pow(10, Math.ceil(Math.log10(max))), true);
    }

    /** Position of {@code v} as a fraction 0..1 of the axis. */
    double fraction(double v) {
        if (log) {
            return (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
        }
        return (v - lo) / (hi - lo);
    }

    /** Major tick values. */
    List<Double> ticks() {
        List<Double> t = new ArrayList<>();
        if (log) {
            double decades = Math.log10(hi) - Math.log10(lo);
            double[] mult = decades <= 2 ? new double[] {1, 2, 5} : new double[] {1};
            for (double p = lo; p <= hi * 1.0001; p *= 10) {
                for (double m : mult) {
                    if (p * m <= hi * 1.0001) {
                        t.add(p * m);
                    }
                }
            }
            return t;
        }
        double step = niceStep((hi - lo) / 5);
        for (double v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-6; v += step) {
            t.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return t;
    }

    static String format(double v) {
        double a = Math.abs(v);
        if (v == 0) {
            return "0";
        }
        if (a >= 1e5 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.0e", v);
        }
        String s = String.format(Locale.ROOT, "%.4f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    static double niceStep(double raw) {
        if (!(raw > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }
}
