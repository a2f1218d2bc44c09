package dev.framelift.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.model.Image;
import dev.framelift.model.runtime.ContractModel;
import dev.framelift.schema.ModelCard;
import dev.framelift.trainer.data.PhotoSetTest;

import dev.framelift.trainer.data.ValidationSplit;
import dev.framelift.trainer.model.TrainingTask;

class TrainerColorizeTest {
    @Test
    void shouldTrainAndExportAColorizerWithACalibratedChromaGain(@TempDir Path dir) throws IOException {
        PhotoSetTest.writePhotos(dir.resolve("photos"), 12, 40, 3);
        TrainConfig config = new TrainConfig(TrainingTask.COLORIZE, dir.resolve("photos"), dir.resolve("run"), 3, 1, 2, 16, 1, ValidationSplit.SPREAD, null,
                false, "fast", false, 2, 1e-3f, 0, 5e-5f, 5e-3f, 2, 2, 0, 1, "faithful", "test");
        Trainer.Outcome outcome = new Trainer(config, TrainerResumeTest.quiet()).run();
        assertThat(outcome.completed()).isTrue();
        ModelCard card = outcome.card();
        assertThat(card.getTask()).isEqualTo("colorize");
        assertThat(card.getInputChannels()).isEqualTo(1);
        assertThat(card.getMetrics()).containsKeys("colourfulness_ratio", "psnr_rgb", "chroma_gain");
        assertThat(card.getMetrics().get("chroma_gain")).isBetween(1.0, 4.0);
        Path report = dir.resolve("run/report");
        assertThat(report.resolve("metrics.json")).isRegularFile();
        assertThat(report.resolve("contact-sheet.png")).isRegularFile();
        assertThat(report.resolve("loss-curve.png")).isRegularFile();
        assertThat(Files.readString(report.resolve("evaluate.txt"))).contains("mean of", "colourfulness");
        try (ContractModel m = ContractModel.load(outcome.model(), null)) {
            Image out = m.enhance(new Image(11, 9, 1, new byte[9 * 11]));
            assertThat(new int[] {out.width(), out.height(), out.channels()}).containsExactly(11, 9, 3);
        }
    }
}
