package dev.framelift.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import dev.framelift.model.metrics.ImageMetrics;
import dev.framelift.trainer.data.LumaDegradation;
import dev.framelift.trainer.data.RgbImage;
import dev.framelift.trainer.model.TrainingTask;

/** A colorizer's checkpoints are ranked by the colour they reach at the fidelity bar once calibrated. */
class ValidatorColourAtBarTest {
    private static final List<RgbImage> PHOTOS = photos();

    @Test
    void shouldRankAQuietButRightColorizerByTheColourItReachesWhenItsChromaIsScaledUp() {
        final Validator.Score quiet = score(truth -> ImageMetrics.scaleChroma(truth, 0.4));

        assertThat(quiet.metrics().get("colourfulness_ratio")).isCloseTo(0.4, within(0.05));
        assertThat(quiet.metrics().get("colour_at_bar")).isGreaterThan(1.0);
        assertThat(quiet.metrics().get("chroma_scale_at_bar")).isGreaterThan(2.5);
        assertThat(quiet.metric()).isEqualTo(1.0);
    }

    @Test
    void shouldRankALouderColorizerThatGuessesTheWrongHueBelowAQuietOneThatIsRight() {
        final Validator.Score quiet = score(truth -> ImageMetrics.scaleChroma(truth, 0.3));
        final Validator.Score loudWrong = score(truth -> mix(ImageMetrics.scaleChroma(truth, 0.5), swapRedBlue(truth)));

        assertThat(loudWrong.metrics().get("colourfulness_ratio")).isGreaterThan(quiet.metrics().get("colourfulness_ratio"));
        assertThat(loudWrong.metric()).isLessThan(quiet.metric());
    }

    @Test
    void shouldScoreBelowZeroWhenNoChromaScaleKeepsTheOutputAboveTheBar() {
        final Validator.Score wrong = score(ValidatorColourAtBarTest::swapRedBlue);

        assertThat(wrong.metrics().get("chroma_scale_at_bar")).isZero();
        assertThat(wrong.metric()).isNegative();
    }

    @Test
    void shouldKeepTheCalibrationRankOnTheOutputAsItIs() {
        final Validator.Score quiet = score(truth -> ImageMetrics.scaleChroma(truth, 0.4));

        assertThat(quiet.calibrationRank()).isCloseTo(10 + quiet.metrics().get("colourfulness_ratio"), within(1e-9));
    }

    @Test
    void shouldScoreTheOutputAsItIsForACalibrationSweep() {
        final Validator validator = new Validator(TrainingTask.COLORIZE, new LumaDegradation(), PHOTOS, 1);
        final int[] next = {0};
        final Validator.Score asIs = validator.evaluateAsIs(
                (input, shape) -> ImageMetrics.scaleChroma(PHOTOS.get(next[0]++).pixels(), 0.4));

        assertThat(asIs.metrics()).doesNotContainKey("colour_at_bar");
        assertThat(asIs.metric()).isEqualTo(asIs.calibrationRank());
        assertThat(asIs.calibrationRank()).isCloseTo(score(truth -> ImageMetrics.scaleChroma(truth, 0.4)).calibrationRank(),
                within(1e-9));
    }

    private static Validator.Score score(UnaryOperator<byte[]> fromTruth) {
        final Validator validator = new Validator(TrainingTask.COLORIZE, new LumaDegradation(), PHOTOS, 1);
        final int[] next = {0};
        return validator.evaluate((input, shape) -> fromTruth.apply(PHOTOS.get(next[0]++).pixels()));
    }

    /** Smooth photos of varied hue: the truth's chroma is far from gray, as in a photo. */
    private static List<RgbImage> photos() {
        final SplittableRandom rnd = new SplittableRandom(7);
        final List<RgbImage> photos = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            final int w = 48;
            final int h = 36;
            final byte[] px = new byte[w * h * 3];
            final int[] base = {rnd.nextInt(60, 200), rnd.nextInt(60, 200), rnd.nextInt(60, 200)};
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    final int i = (y * w + x) * 3;
                    px[i] = (byte) Math.min(255, base[0] + 2 * x);
                    px[i + 1] = (byte) Math.min(255, base[1] + 2 * y);
                    px[i + 2] = (byte) Math.max(0, base[2] - x - y);
                }
            }
            photos.add(new RgbImage(w, h, px));
        }
        return photos;
    }

    private static byte[] swapRedBlue(byte[] rgb) {
        final byte[] out = rgb.clone();
        for (int i = 0; i < rgb.length; i += 3) {
            out[i] = rgb[i + 2];
            out[i + 2] = rgb[i];
        }
        return out;
    }

    private static byte[] mix(byte[] a, byte[] b) {
        final byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (((a[i] & 0xFF) + (b[i] & 0xFF)) / 2);
        }
        return out;
    }
}
