package dev.framelift.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.model.Image;
import dev.framelift.model.runtime.ContractModel;
import dev.framelift.schema.ModelCard;
import dev.framelift.trainer.data.PhotoSetTest;
import dev.framelift.trainer.data.ValidationSplit;
import dev.framelift.trainer.model.TrainingTask;

class TrainerResumeTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void photos() throws IOException {
        PhotoSetTest.writePhotos(dir.resolve("photos"), 12, 48, 7);
    }

    static TrainConfig config(Path out, boolean resume) {
        // a small learning rate: Adam's first steps move every weight by about lr whatever the
        // gradient's size, so last-bit differences of multithreaded sums would otherwise show
        return new TrainConfig(TrainingTask.SR_X2, dir.resolve("photos"), out, 4, 2, 2, 16, 3, ValidationSplit.SPREAD, null, resume, "fast", false, 2,
                1e-4f, 0, 5e-5f, 1e-3f, 2, 3, 0, 1, "faithful", "test");
    }

    static ProgressBar quiet() {
        return new ProgressBar(new PrintStream(new ByteArrayOutputStream()), false, 1);
    }

    @Test
    void shouldContinueAKilledRunExactlyWhereItStopped() throws IOException {
        Path straight = dir.resolve("straight");
        Trainer.Outcome full = new Trainer(config(straight, false), quiet()).run();
        assertThat(full.completed()).isTrue();

        Path killed = dir.resolve("killed");
        Trainer first = new Trainer(config(killed, false), quiet());
        first.stopAt(3);
        Trainer.Outcome stopped = first.run();
        assertThat(stopped.completed()).isFalse();
        assertThat(stopped.step()).isEqualTo(3);
        assertThat(TrainState.read(killed.resolve("checkpoints")).step()).isEqualTo(3);

        Trainer.Outcome resumed = new Trainer(config(killed, true), quiet()).run();
        assertThat(resumed.completed()).isTrue();
        assertThat(resumed.step()).isEqualTo(6);

        // the loss history has each step once, in order, and matches the uninterrupted run
        List<String> a = Files.readAllLines(straight.resolve("report/losses.csv"));
        List<String> b = Files.readAllLines(killed.resolve("report/losses.csv"));
        assertThat(b.get(0)).isEqualTo(LossLog.HEADER);
        assertThat(b.stream().skip(1).map(l -> l.split(",")[0]).toList()).isEqualTo(
                a.stream().skip(1).map(l -> l.split(",")[0]).toList());
        assertThat(b.stream().skip(1).map(l -> l.split(",")[1]).toList()).contains("l1", "gan");
        String[] lastA = a.get(a.size() - 1).split(",");
        String[] lastB = b.get(b.size() - 1).split(",");
        assertThat(Double.parseDouble(lastB[2])).isCloseTo(Double.parseDouble(lastA[2]), org.assertj.core.api.Assertions.withinPercentage(1));

        // same batches, same optimizer state: the exported models agree
        byte[] probe = new byte[12 * 12 * 3];
        new java.util.Random(1).nextBytes(probe);
        try (ContractModel x = ContractModel.load(straight.resolve("model"), null);
                ContractModel y = ContractModel.load(killed.resolve("model"), null)) {
            byte[] ox = x.enhance(new Image(12, 12, 3, probe)).pixels();
            byte[] oy = y.enhance(new Image(12, 12, 3, probe)).pixels();
            int maxDiff = 0;
            for (int i = 0; i < ox.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs((ox[i] & 0xFF) - (oy[i] & 0xFF)));
            }
            // multithreaded float sums may differ in the last bits; a wrong batch or a lost optimizer
            // state would differ by far more
            assertThat(maxDiff).isLessThanOrEqualTo(3);
        }
        ModelCard card = resumed.card();
        assertThat(card.getTask()).isEqualTo("sr-x2");
        assertThat(card.getMetrics()).containsKey("psnr_y_gain");
        assertThat(card.getTrainingCommand()).isEqualTo("test");
        assertThat(killed.resolve("report/val.txt")).isRegularFile();
    }

    @Test
    void shouldRefuseToResumeOnOtherValidationPhotos() throws IOException {
        Path run = dir.resolve("split");
        Trainer first = new Trainer(config(run, false), quiet());
        first.stopAt(1);
        assertThat(first.run().completed()).isFalse();
        TrainConfig c = config(run, true);
        TrainConfig random = new TrainConfig(c.task(), c.data(), c.out(), c.steps(), c.ganSteps(), c.batch(), c.patch(),
                c.seed(), ValidationSplit.RANDOM, null, true, c.arch(), c.realistic(), c.threads(), c.learningRate(),
                c.warmupSteps(), c.ganLearningRate(), c.advWeight(), c.checkpointEvery(), c.validateEvery(), c.maxSide(), c.zoomOut(), c.flavour(),
                c.command());
        assertThatThrownBy(() -> new Trainer(random, quiet()).run()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("validated on other photos").hasMessageContaining("--split");
    }
}
