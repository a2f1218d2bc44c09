package dev.framelift.model.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.framelift.model.Image;
import dev.framelift.model.testing.TestImages;

class SelfConsistencyTest {
    @Test
    void shouldScoreANearestUpscaleOfTheInputAsPerfectlyConsistent() {
        Image in = TestImages.gradient(12, 8, 3, 1);
        assertThat(SelfConsistency.score(in, TestImages.nearestUpscale(in, 2), 2)).isInfinite();
    }

    @Test
    void shouldScoreAColorizationThatKeepsTheLumaHigherThanOneThatChangesIt() {
        Image gray = TestImages.gradient(10, 6, 1, 3);
        byte[] keep = new byte[10 * 6 * 3];
        byte[] darker = new byte[10 * 6 * 3];
        for (int i = 0; i < 60; i++) {
            int y = gray.pixels()[i] & 0xFF;
            keep[3 * i] = keep[3 * i + 1] = keep[3 * i + 2] = (byte) y;
            darker[3 * i] = darker[3 * i + 1] = darker[3 * i + 2] = (byte) Math.max(0, y - 20);
        }
        assertThat(SelfConsistency.score(gray, new Image(10, 6, 3, keep), 1)).isGreaterThan(100.0);
        assertThat(SelfConsistency.score(gray, new Image(10, 6, 3, darker), 1)).isBetween(20.0, 23.0);
    }

    @Test
    void shouldRefuseAnOutputOfTheWrongSize() {
        Image in = TestImages.gradient(12, 8, 3, 1);
        assertThatThrownBy(() -> SelfConsistency.score(in, in, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
