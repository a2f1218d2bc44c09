package dev.framelift.trainer.train;

import java.nio.file.Path;

/**
 * A weight-space average of two exported models of one lineage, the start of a run with
 * {@code --init A --blend B}: every weight is {@code (1 - weight) * a + weight * b}. Between a
 * model and a longer fine-tune of it, such an average can keep part of the fine-tune's gain
 * with less of its drift away from what the first model did well (the robustness of
 * weight-space ensembles of fine-tuned networks); with {@code --steps 1} and a negligible
 * {@code --lr} the run only calibrates and exports it.
 *
 * @param dir the second export ({@code b})
 * @param weight {@code b}'s share, strictly between 0 and 1
 */
public record WeightBlend(Path dir, float weight) {
    public WeightBlend {
        if (!(weight > 0 && weight < 1)) {
            throw new IllegalArgumentException("--blend-weight must lie strictly between 0 and 1, not " + weight);
        }
    }
}
