package dev.framelift.trainer.eval;

import dev.framelift.model.ModelContract;
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

    /**
     * The spec every model of a task has (sr-x2, sr-x4, colorize: the contract's shapes,
     * {@link ModelContract#shapeOf}); version "unversioned".
     */
    public static ModelSpec forTask(String task) {
        if (!Tasks.FAITHFUL_TASKS.contains(task)) {
            throw new IllegalArgumentException("unknown task '" + task + "' (sr-x2, sr-x4 or colorize)");
        }
        ModelContract.TaskShape shape = ModelContract.shapeOf(task);
        return new ModelSpec(task, shape.scale(), shape.inputChannels(), "unversioned");
    }

    public boolean colorize() {
        return Tasks.COLORIZE.equals(task);
    }
}
