package dev.framelift.trainer.train;

import java.time.Duration;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training for a time instead of a step count ({@code train --minutes}). The loop reports each
 * step; after {@value #PROBE_TO} steps of this run the speed measured over the last
 * {@value #PROBE_SPAN} of them sets the steps of both phases so that they fill the budget, in the
 * configured {@code steps : ganSteps} proportion (a GAN step costs about {@value #GAN_STEP_COST}
 * L1 steps; a tenth of the time is kept for validations and checkpoints). When the time is spent
 * the step counts shrink to the steps done, so the run ends as a finished one. Not thread-safe.
 */
final class TimeBudget {
    /** A GAN step (D + G) costs about this many L1 steps. */
    static final double GAN_STEP_COST = 2.5;
    static final int PROBE_TO = 25;
    static final int PROBE_SPAN = 20;
    private static final Logger LOG = LoggerFactory.getLogger(TimeBudget.class);

    private final Duration budget;
    private final long firstStep;
    private final long started = System.nanoTime();
    private long probeStarted;
    private boolean spent;

    /** Starts the clock; {@code firstStep} is the step the loop starts at (a resumed run starts later). */
    TimeBudget(Duration budget, long firstStep) {
        this.budget = budget;
        this.firstStep = firstStep;
    }

    /**
     * Called after each step.
     *
     * @return the configuration to go on with: {@code c} itself, or planned or shrunk step counts
     */
    TrainConfig afterStep(long step, TrainConfig c) {
        final long now = System.nanoTime();
        final long done = step - firstStep;
        if (done == PROBE_TO - PROBE_SPAN) {
            probeStarted = now;
        } else if (done == PROBE_TO) {
            c = plan((now - probeStarted) / 1e9 / PROBE_SPAN, step, (now - started) / 1e9, c);
        }
        if (now - started > budget.toNanos()) {
            LOG.info("time budget of {} spent at step {}", budget, step);
            spent = true;
            return c.withSteps(Math.min(c.steps(), (int) step), Math.max(0, (int) step - c.steps()));
        }
        return c;
    }

    /** Whether the time is spent (the loop should stop). */
    boolean spent() {
        return spent;
    }

    private TrainConfig plan(double secondsPerStep, long step, double elapsed, TrainConfig c) {
        final double ratio = c.steps() == 0 ? 0 : (double) c.ganSteps() / c.steps();
        final double left = 0.9 * (budget.toMillis() / 1000.0 - elapsed) / secondsPerStep;
        final int l1 = (int) Math.max(step + 1, (step + left) / (1 + GAN_STEP_COST * ratio));
        final int adversarial = (int) Math.round(l1 * ratio);
        LOG.info("time budget {}: {} s per step, planning {} L1 + {} GAN steps", budget,
                String.format(Locale.ROOT, "%.3f", secondsPerStep), l1, adversarial);
        return c.withSteps(l1, adversarial);
    }
}
