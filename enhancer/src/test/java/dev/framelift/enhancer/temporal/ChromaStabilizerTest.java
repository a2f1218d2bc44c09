package dev.framelift.enhancer.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.framelift.enhancer.image.YCbCrPlanes;
import dev.framelift.model.Image;

class ChromaStabilizerTest {
    private static final int W = 16;
    private static final int H = 12;

    @Test
    void shouldKeepMostOfThePreviousChromaWhereTheSceneIsStatic() {
        ChromaStabilizer stabilizer = new ChromaStabilizer(0.8, 8);
        stabilizer.apply("cam", 0, uniform(120, 150, 100));

        Image out = stabilizer.apply("cam", 1, uniform(120, 100, 150));

        double[] before = ycbcr(uniform(120, 150, 100));
        double[] now = ycbcr(uniform(120, 100, 150));
        double[] got = ycbcr(out);
        assertThat(got[1]).isCloseTo(0.8 * before[1] + 0.2 * now[1], org.assertj.core.data.Offset.offset(1.0));
        assertThat(got[2]).isCloseTo(0.8 * before[2] + 0.2 * now[2], org.assertj.core.data.Offset.offset(1.0));
        assertThat(got[0]).as("luma is the model's").isCloseTo(now[0], org.assertj.core.data.Offset.offset(1.5));
    }

    @Test
    void shouldTakeTheNewChromaWhereTheSceneMoved() {
        ChromaStabilizer stabilizer = new ChromaStabilizer(0.8, 8);
        stabilizer.apply("cam", 0, uniform(60, 80, 40));
        Image moved = uniform(200, 180, 220);

        assertThat(stabilizer.apply("cam", 1, moved).pixels()).isEqualTo(moved.pixels());
    }

    @Test
    void shouldStartAfreshAfterAGapOrAReplay() {
        ChromaStabilizer stabilizer = new ChromaStabilizer(0.8, 8);
        stabilizer.apply("cam", 3, uniform(120, 150, 100));
        Image next = uniform(120, 100, 150);

        assertThat(stabilizer.apply("cam", 5, next).pixels()).as("after a gap").isEqualTo(next.pixels());
        assertThat(stabilizer.apply("cam", 2, next).pixels()).as("a replay").isEqualTo(next.pixels());
    }

    @Test
    void shouldKeepStreamsApartAndForgetTheLeastRecentlyUsed() {
        ChromaStabilizer stabilizer = new ChromaStabilizer(0.8, 1);
        stabilizer.apply("a", 0, uniform(120, 150, 100));
        stabilizer.apply("b", 0, uniform(120, 150, 100));
        Image next = uniform(120, 100, 150);

        assertThat(stabilizer.apply("a", 1, next).pixels()).isEqualTo(next.pixels());
    }

    @Test
    void shouldChangeNothingWhenOff() {
        ChromaStabilizer off = ChromaStabilizer.off();
        off.apply("cam", 0, uniform(120, 150, 100));
        Image next = uniform(120, 100, 150);

        assertThat(off.apply("cam", 1, next)).isSameAs(next);
    }

    /** A frame of one colour whose luma is (almost) {@code gray}, tinted towards r/b. */
    private static Image uniform(int gray, int r, int b) {
        int g = Math.round((gray - 0.299f * r - 0.114f * b) / 0.587f);
        byte[] px = new byte[W * H * 3];
        for (int i = 0; i < px.length; i += 3) {
            px[i] = (byte) r;
            px[i + 1] = (byte) Math.max(0, Math.min(255, g));
            px[i + 2] = (byte) b;
        }
        return new Image(W, H, 3, px);
    }

    private static double[] ycbcr(Image image) {
        YCbCrPlanes f = YCbCrPlanes.of(image);
        return new double[] {f.luma()[0], f.cb()[0], f.cr()[0]};
    }
}
