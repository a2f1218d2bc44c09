package dev.framelift.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.schema.ModelCard;
import dev.framelift.schema.ModelCardJson;
import dev.framelift.trainer.data.PhotoSetTest;
import dev.framelift.trainer.data.ValidationSplit;
import dev.framelift.trainer.model.TrainingTask;

class TrainerPerceptualTest {
    @Test
    void shouldExportTheLastAdversarialStepWithAPerceptualCard(@TempDir Path dir) throws IOException {
        PhotoSetTest.writePhotos(dir.resolve("photos"), 10, 40, 3);
        TrainConfig config = new TrainConfig(TrainingTask.SR_X2, dir.resolve("photos"), dir.resolve("run"), 2, 3, 2, 16, 1,
                ValidationSplit.SPREAD, null, false, "fast", false, 2, 1e-3f, 0, 5e-5f, 3e-2f, 5, 1, 0, 1, "perceptual", "test");

        Trainer.Outcome outcome = new Trainer(config, TrainerResumeTest.quiet()).run();

        assertThat(outcome.completed()).isTrue();
        ModelCard card = ModelCardJson.read(outcome.model());
        assertThat(card.getFlavour()).isEqualTo("perceptual");
        assertThat(card.getVersion()).endsWith("-fast-perceptual");
        assertThat(card.getTrainingData()).contains("last step 5");
        // the run's own evaluation report reads the perceptual model as the sr-x2 model it is
        assertThat(dir.resolve("run/report/evaluate.txt")).isRegularFile();
    }
}
