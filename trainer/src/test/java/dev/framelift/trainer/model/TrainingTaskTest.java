package dev.framelift.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.framelift.model.ModelContract;
import dev.framelift.schema.Tasks;
import dev.framelift.trainer.data.LumaDegradation;
import dev.framelift.trainer.data.RgbImage;
import dev.framelift.trainer.data.SrDegradation;

/** What each task is and what a run of it gets by default. */
class TrainingTaskTest {
    @Test
    void shouldParseEveryTaskOfTheSchemaByItsName() {
        assertThat(Arrays.stream(TrainingTask.values()).map(TrainingTask::id)).containsExactlyElementsOf(Tasks.FAITHFUL_TASKS);
        for (TrainingTask t : TrainingTask.values()) {
            assertThat(TrainingTask.parse(t.id())).isSameAs(t);
            assertThat(t).hasToString(t.id());
        }
    }

    @Test
    void shouldRefuseAnUnknownTaskListingTheTasks() {
        for (String wrong : new String[] {"sr-x3", "SR_X2", "sr-x2-perceptual", ""}) {
            assertThatThrownBy(() -> TrainingTask.parse(wrong)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unknown task '" + wrong + "' (sr-x2, sr-x4 or colorize)");
        }
    }

    @Test
    void shouldHaveTheContractsScaleAndInputChannels() {
        for (TrainingTask t : TrainingTask.values()) {
            ModelContract.TaskShape shape = ModelContract.shapeOf(t.id());
            assertThat(t.scale()).as(t.id()).isEqualTo(shape.scale());
            assertThat(t.inputChannels()).as(t.id()).isEqualTo(shape.inputChannels());
        }
        assertThat(TrainingTask.SR_X2.scale()).isEqualTo(2);
        assertThat(TrainingTask.SR_X4.scale()).isEqualTo(4);
        assertThat(TrainingTask.COLORIZE.inputChannels()).isEqualTo(1);
    }

    @Test
    void shouldGiveEachTaskItsTrainingDefaults() {
        assertThat(TrainingTask.SR_X2.defaultPatch()).isEqualTo(96);
        assertThat(TrainingTask.SR_X4.defaultPatch()).isEqualTo(128);
        assertThat(TrainingTask.COLORIZE.defaultPatch()).isEqualTo(128);
        assertThat(TrainingTask.SR_X2.defaultLearningRate()).isEqualTo(1e-3f);
        assertThat(TrainingTask.SR_X4.defaultLearningRate()).isEqualTo(1e-3f);
        assertThat(TrainingTask.COLORIZE.defaultLearningRate()).isEqualTo(3e-4f);
        assertThat(TrainingTask.SR_X2.defaultAdvWeight()).isEqualTo(1e-3f);
        assertThat(TrainingTask.SR_X4.defaultAdvWeight()).isEqualTo(1e-3f);
        assertThat(TrainingTask.COLORIZE.defaultAdvWeight()).isEqualTo(5e-3f);
        for (TrainingTask t : TrainingTask.values()) {
            assertThat(t.defaultPatch() % t.scale()).as(t.id() + " patch is a multiple of the scale").isZero();
            assertThat(t.architectures()).as(t.id()).contains(TrainingTask.DEFAULT_ARCHITECTURE);
        }
    }

    @Test
    void shouldOfferRealtimeForSuperResolutionAndBinsForColorization() {
        assertThat(TrainingTask.SR_X2.architectures()).containsExactly("realtime", "fast", "quality");
        assertThat(TrainingTask.SR_X4.architectures()).containsExactly("realtime", "fast", "quality");
        assertThat(TrainingTask.COLORIZE.architectures()).containsExactly("fast", "quality", "bins", "bins-deep", "bins-semantic",
                "bins-semantic-fine");
        for (TrainingTask t : TrainingTask.values()) {
            for (String arch : t.architectures()) {
                Generator g = t.generator(arch);
                assertThat(g.task()).isSameAs(t);
                assertThat(g.scale()).isEqualTo(t.scale());
                assertThat(g.inputChannels()).isEqualTo(t.inputChannels());
            }
        }
        assertThatThrownBy(() -> TrainingTask.COLORIZE.archOf("espcn-deep-fast")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("espcn-deep-fast");
    }

    @Test
    void shouldDegradeLikeItsTaskAndSkipGrayPhotosOnlyForColorization() {
        assertThat(TrainingTask.SR_X4.degradation(true)).isInstanceOf(SrDegradation.class)
                .satisfies(d -> assertThat(d.scale()).isEqualTo(4));
        assertThat(TrainingTask.COLORIZE.degradation(true)).isInstanceOf(LumaDegradation.class);
        for (TrainingTask t : TrainingTask.values()) {
            assertThat(t.degradation(false).inputChannels()).isEqualTo(t.inputChannels());
        }
        RgbImage gray = image(new byte[] {50, 50, 50}, new byte[] {(byte) 200, (byte) 200, (byte) 200});
        RgbImage colour = image(new byte[] {(byte) 200, 20, 20}, new byte[] {20, 20, (byte) 200});
        assertThat(TrainingTask.COLORIZE.learnsFrom(gray)).isFalse();
        assertThat(TrainingTask.COLORIZE.learnsFrom(colour)).isTrue();
        assertThat(TrainingTask.SR_X2.learnsFrom(gray)).isTrue();
    }

    /** 8 x 8 pixels alternating between two colours. */
    private static RgbImage image(byte[] a, byte[] b) {
        byte[] pixels = new byte[8 * 8 * 3];
        for (int i = 0; i < 64; i++) {
            System.arraycopy(i % 2 == 0 ? a : b, 0, pixels, i * 3, 3);
        }
        return new RgbImage(8, 8, pixels);
    }
}
