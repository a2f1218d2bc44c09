package dev.framelift.model.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.model.Image;
import dev.framelift.model.testing.TestImages;
import dev.framelift.model.testing.TestModels;
import dev.framelift.schema.Tasks;

class SelfEnsembleTest {
    @TempDir
    Path dir;

    /** A 2x "model" that sees where it is: nearest upscaling plus a ramp from the left edge, so its answer depends on the orientation. */
    private static final UnaryOperator<List<Image>> LEFT_RAMP = batch -> batch.stream().map(image -> {
        Image up = TestImages.nearestUpscale(image, 2);
        byte[] px = up.pixels().clone();
        for (int y = 0; y < up.height(); y++) {
            for (int x = 0; x < up.width(); x++) {
                for (int c = 0; c < up.channels(); c++) {
                    int i = (y * up.width() + x) * up.channels() + c;
                    px[i] = (byte) Math.min(255, (px[i] & 0xFF) + 3 * x);
                }
            }
        }
        return new Image(up.width(), up.height(), up.channels(), px);
    }).toList();

    @Test
    void everyOrientationIsUndoneByTheEnsemble() {
        Image image = TestImages.noise(7, 4, 3, 11);
        // an upscaler that treats every orientation alike: the average of its 8 answers is its one answer
        List<Image> out = SelfEnsemble.enhance(batch -> batch.stream().map(i -> TestImages.nearestUpscale(i, 2)).toList(),
                List.of(image), 2);
        assertThat(out.get(0).pixels()).isEqualTo(TestImages.nearestUpscale(image, 2).pixels());
    }

    @Test
    void orientationsAreTheEightSymmetriesOfTheGrid() {
        Image image = TestImages.noise(5, 3, 1, 3);
        List<byte[]> seen = new ArrayList<>();
        for (int view = 0; view < SelfEnsemble.VIEWS; view++) {
            Image turned = SelfEnsemble.orient(image, view);
            assertThat(turned.width()).isEqualTo(view < 4 ? 5 : 3);
            assertThat(seen).noneMatch(p -> java.util.Arrays.equals(p, turned.pixels()));
            seen.add(turned.pixels());
        }
        // view 5 is the transpose mirrored left-right: a quarter turn clockwise
        Image turn = SelfEnsemble.orient(image, 5);
        assertThat(turn.pixels()[0]).isEqualTo(image.pixels()[2 * 5]);
        assertThat(SelfEnsemble.orient(image, 0).pixels()).isEqualTo(image.pixels());
        assertThatThrownBy(() -> SelfEnsemble.orient(image, 8)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theResultTurnsWithItsInputEvenWhenTheModelDoesNot() {
        Image image = TestImages.noise(6, 4, 3, 5);
        Image plain = SelfEnsemble.enhance(LEFT_RAMP, List.of(image), 2).get(0);
        assertThat(plain.pixels()).isNotEqualTo(LEFT_RAMP.apply(List.of(image)).get(0).pixels());
        for (int view = 1; view < SelfEnsemble.VIEWS; view++) {
            Image ofTurned = SelfEnsemble.enhance(LEFT_RAMP, List.of(SelfEnsemble.orient(image, view)), 2).get(0);
            assertThat(ofTurned.pixels()).as("view %d", view).isEqualTo(SelfEnsemble.orient(plain, view).pixels());
        }
    }

    @Test
    void runsOneCallOfTheBatchesOwnSizePerOrientation() {
        List<String> calls = new ArrayList<>();
        UnaryOperator<List<Image>> counting = batch -> {
            calls.add(batch.size() + "x" + batch.get(0).width() + "x" + batch.get(0).height());
            return LEFT_RAMP.apply(batch);
        };
        SelfEnsemble.enhance(counting, List.of(TestImages.noise(6, 4, 3, 1), TestImages.noise(6, 4, 3, 2)), 2);
        assertThat(calls).containsExactly("2x6x4", "2x6x4", "2x6x4", "2x6x4", "2x4x6", "2x4x6", "2x4x6", "2x4x6");
    }

    @Test
    void refusesAModelThatBreaksItsScale() {
        assertThatThrownBy(() -> SelfEnsemble.enhance(LEFT_RAMP, List.of(TestImages.noise(6, 4, 3, 1)), 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was due");
        assertThatThrownBy(() -> SelfEnsemble.enhance(LEFT_RAMP, List.of(), 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAColorizer() {
        assertThatThrownBy(() -> SelfEnsemble.enhance(batch -> batch, List.of(TestImages.noise(6, 4, 3, 1)), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(SelfEnsemble.NOT_FOR_COLOUR);
    }

    @Test
    void averagesARealModelsEightAnswersCloseToItsOne() throws IOException {
        try (ContractModel model = ContractModel.load(TestModels.write(dir, Tasks.SR_X2, "ens-1"), null)) {
            List<Image> batch = List.of(TestImages.gradient(20, 12, 3, 0), TestImages.gradient(20, 12, 3, 9));
            List<Image> one = model.enhance(batch);
            List<Image> eight = SelfEnsemble.enhance(model::enhance, batch, model.scale());
            for (int i = 0; i < batch.size(); i++) {
                assertThat(eight.get(i).width()).isEqualTo(40);
                assertThat(eight.get(i).height()).isEqualTo(24);
                assertThat(TestImages.meanAbsDiff(one.get(i), eight.get(i))).isLessThan(6.0);
            }
            Image turned = SelfEnsemble.enhance(model::enhance, List.of(SelfEnsemble.orient(batch.get(1), 6)), 2).get(0);
            assertThat(TestImages.maxAbsDiff(turned, SelfEnsemble.orient(eight.get(1), 6))).isLessThanOrEqualTo(1);
        }
    }
}
