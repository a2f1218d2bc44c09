package dev.framelift.trainer.cli;

import java.util.Arrays;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import dev.framelift.schema.Tasks;
import dev.framelift.trainer.model.TrainingTask;

/**
 * How a {@code --task} option reads a {@link TrainingTask}: an unknown name is a one-line usage
 * error (exit 2) that lists the tasks, and names a served task's flavour option.
 */
final class TaskConverter implements ITypeConverter<TrainingTask> {
    @Override
    public TrainingTask convert(String name) {
        try {
            return TrainingTask.parse(name);
        } catch (IllegalArgumentException e) {
            final String base = Tasks.baseOf(name);
            final String flavour = Tasks.flavourOf(name);
            final boolean flavoured = !base.equals(name) && Arrays.stream(TrainingTask.values()).anyMatch(t -> t.id().equals(base));
            throw new TypeConversionException(e.getMessage()
                    + (flavoured ? "; " + name + " is --task " + base + " --flavour " + flavour : ""));
        }
    }
}
