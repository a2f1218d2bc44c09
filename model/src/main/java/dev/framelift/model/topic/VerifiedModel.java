package dev.framelift.model.topic;

import java.io.IOException;
import java.io.UncheckedIOException;

import dev.framelift.model.FileTrees;
import dev.framelift.model.runtime.Canary;
import dev.framelift.model.runtime.ContractModel;

/**
 * A model from the {@code models} topic that passed every check, unpacked into its own folder
 * and loaded. Owns both: {@link #close()} closes the model, then deletes the folder.
 *
 * @param record the record it came from
 * @param model  the loaded model
 * @param canary what the canary inference measured
 */
public record VerifiedModel(ModelRecord record, ContractModel model, Canary.Result canary) implements AutoCloseable {
    @Override
    public void close() {
        model.close();
        try {
            FileTrees.deleteRecursively(model.directory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + model.directory(), e);
        }
    }
}
