package dev.framelift.trainer.eval;

import dev.framelift.schema.ModelCard;
import dev.framelift.schema.Tasks;

/**
 * The facts about a model that evaluation needs: its task, scale and input channels, taken
 * from its card or derived from the task name alone.
 */
public record ModelSpec(String task, int scale, int inputChannels, String version) {
    public ModelSpec {
        if (scale < 1 || (inputChannels != 1 && inputChannels != 3)) {
            throw new IllegalArgumentException("bad model spec: scale " + scale + ", input channels " + inputChannels);
        }
    }

    public static ModelSpec fromCard(ModelCard card) {
        return new ModelSpec(card.getTask().toString(), card.getScale(), card.getInputChannels(), card.getVersion().toString());
    }

    /** The spec every model of a task has (sr-x2, sr-x4, colorize); version "unversioned". */
    public static ModelSpec forTask(String task) {
        if (Tasks.SR_X2.equals(task)) {
            return new ModelSpec(task, 2, 3, "unversioned");
        }
        if (Tasks.SR_X4.equals(task)) {
            return new ModelSpec(task, 4, 3, "unversioned");
        }
        if (Tasks.COLORIZE.equals(task)) {
            return new ModelSpec(task, 1, 1, "unversioned");
        }
        throw new IllegalArgumentException("unknown task '" + task + "' (sr-x2, sr-x4 or colorize)");
    }

    public boolean colorize() {
        return Tasks.COLORIZE.equals(task);
    }
}
