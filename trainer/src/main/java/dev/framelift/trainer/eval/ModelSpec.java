package dev.framelift.trainer.eval;

import dev.framelift.schema.ModelCard;
import dev.framelift.trainer.model.TrainingTask;

/**
 * The facts about a model that evaluation needs: its task, scale and input channels, taken
 * from its card or derived from the task name alone.
 */
public record ModelSpec(TrainingTask task, int scale, int inputChannels, String version) {
    public ModelSpec {
        if (scale < 1 || (inputChannels != 1 && inputChannels != 3)) {
            throw new IllegalArgumentException("bad model spec: scale " + scale + ", input channels " + inputChannels);
        }
    }

    /**
     * What {@code card} says.
     *
     * @throws IllegalArgumentException if its task is none the trainer knows (a card the model
     *     contract accepted always names one)
     */
    public static ModelSpec fromCard(ModelCard card) {
        return new ModelSpec(TrainingTask.parse(card.getTask().toString()), card.getScale(), card.getInputChannels(),
                card.getVersion().toString());
    }

    /** The spec every model of {@code task} has (the contract's shapes); version "unversioned". */
    public static ModelSpec forTask(TrainingTask task) {
        return new ModelSpec(task, task.scale(), task.inputChannels(), "unversioned");
    }

    public boolean colorize() {
        return task.colorize();
    }
}
