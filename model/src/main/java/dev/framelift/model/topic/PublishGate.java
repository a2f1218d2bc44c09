package dev.framelift.model.topic;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.framelift.schema.ModelCard;
import dev.framelift.schema.Tasks;

/**
 * Whether a new model may replace the one serving its scope: only if its validation metric is
 * better on the same data. "The same data" is either {@link Evidence} the caller measured itself
 * (the trainer runs the serving model on its held-out frames) or two cards that name equal
 * {@code validationData}. A model with nothing to beat passes; one that cannot be compared, or
 * is worse, is refused unless forced, and the note says which.
 */
public final class PublishGate {
    private PublishGate() {
    }

    /**
     * The serving model's metrics measured by the caller on the candidate's validation data.
     *
     * @param sha256  the serving model's artifact sha256 (so stale evidence does not count)
     * @param metrics its metrics there, with the same keys as the candidate card's
     */
    public record Evidence(String sha256, Map<String, Double> metrics) {
    }

    /** The verdict, with a note that goes into the published record. */
    public record Decision(boolean allowed, String note) {
    }

    /** The metric a task's models are compared on: {@code psnr_y} for SR, {@code psnr_rgb} for colorization. */
    public static String primaryMetric(String task) {
        return Tasks.COLORIZE.equals(task) ? "psnr_rgb" : "psnr_y";
    }

    /**
     * @param serving  the record whose model serves the scope now (its own, or its task's), if any
     * @param evidence the caller's own measurement of that model, or null
     */
    public static Decision decide(ModelCard candidate, Optional<ModelRecord> serving, Evidence evidence, boolean force) {
        if (serving.isEmpty()) {
            return new Decision(true, "no model of this scope or its task on the topic yet");
        }
        final ModelCard active = serving.get().update().getCard();
        final String metric = primaryMetric(candidate.getTask());
        final Double mine = candidate.getMetrics().get(metric);
        Double theirs = null;
        final String data = candidate.getValidationData();
        if (evidence != null && evidence.sha256().equals(active.getSha256())) {
            theirs = evidence.metrics().get(metric);
        } else if (!data.isEmpty() && data.equals(active.getValidationData())) {
            theirs = active.getMetrics().get(metric);
        }
        final String verdict;
        boolean better = false;
        if (mine == null || theirs == null) {
            verdict = String.format(Locale.ROOT, "cannot compare with the serving %s: it was validated on '%s', this model on"
                    + " '%s' (measure both on the same data: train --publish does)", active.getVersion(),
                    active.getValidationData(), data);
        } else {
            better = mine > theirs;
            verdict = String.format(Locale.ROOT, "%s %s %.3f vs %.3f of the serving %s on %s", better ? "beats:" : "does not beat:",
                    metric, mine, theirs, active.getVersion(), data);
        }
        if (better) {
            return new Decision(true, verdict);
        }
        return force ? new Decision(true, "forced; " + verdict) : new Decision(false, verdict);
    }
}
