package dev.framelift.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.framelift.trainer.data.ValidationSplit;
import dev.framelift.trainer.model.TrainingTask;

class TrainConfigTest {
    private static TrainConfig config(int steps, int warmup) {
        return new TrainConfig(TrainingTask.SR_X2, Path.of("photos"), Path.of("run"), steps, 0, 16, 96, 1, ValidationSplit.SPREAD, null, false, "quality", false, 2,
                1e-3f, warmup, 5e-5f, 1e-3f, 250, 250, 1024, 1, "faithful", "test");
    }

    @Test
    void shouldWarmUpOverAHundredStepsOrATenthOfAShortRunByDefault() {
        assertThat(config(8000, 0).warmup()).isEqualTo(100);
        assertThat(config(300, 0).warmup()).isEqualTo(30);
        assertThat(config(5, 0).warmup()).isEqualTo(1);
    }

    @Test
    void shouldWarmUpOverTheRequestedStepsButNotPastTheL1Phase() {
        assertThat(config(10000, 1000).warmup()).isEqualTo(1000);
        assertThat(config(500, 1000).warmup()).isEqualTo(500);
    }

    @Test
    void shouldRampTheLearningRateLinearlyThenDecayIt() {
        TrainConfig t = config(10000, 1000);
        assertThat(t.learningRateAt(0)).isCloseTo(1e-6f, within(1e-9f));
        assertThat(t.learningRateAt(499)).isCloseTo(5e-4f, within(1e-9f));
        assertThat(t.learningRateAt(999)).isCloseTo(1e-3f, within(1e-9f));
        assertThat(t.learningRateAt(5500)).isBetween(4e-4f, 6e-4f);
        assertThat(t.learningRateAt(9999)).isBetween(1.9e-5f, 2.1e-5f);
        assertThat(t.learningRateAt(10000)).isEqualTo(5e-5f);
    }

    @Test
    void shouldAverageTheWeightsSlowlyAfterAShortWarmUpAndFasterInTheGanPhase() {
        TrainConfig t = config(10000, 1000);
        assertThat(t.averageDecayAt(0)).isCloseTo(0.1f, within(1e-6f));
        assertThat(t.averageDecayAt(9999)).isEqualTo(0.999f);
        assertThat(t.averageDecayAt(10000)).isEqualTo(0.995f);
    }
}
