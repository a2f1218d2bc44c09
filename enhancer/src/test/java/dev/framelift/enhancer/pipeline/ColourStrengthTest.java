package dev.framelift.enhancer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.framelift.model.Image;

class ColourStrengthTest {
    /** Three pixels: an orange, a sky blue and a gray. */
    private static final Image COLOURED = new Image(3, 1, 3, new byte[] {
        (byte) 230, (byte) 140, 40, 90, (byte) 160, (byte) 220, 100, 100, 100});

    private static int luma(byte[] p, int i) {
        return (int) Math.round(0.299 * (p[i] & 0xFF) + 0.587 * (p[i + 1] & 0xFF) + 0.114 * (p[i + 2] & 0xFF));
    }

    @Test
    void shouldLeaveTheModelsColourAsItIsAtOne() {
        assertThat(ColourStrength.AS_CALIBRATED.apply(COLOURED)).isSameAs(COLOURED);
    }

    @Test
    void shouldTurnEveryPixelToItsOwnLumaAtZero() {
        final byte[] gray = new ColourStrength(0).apply(COLOURED).pixels();

        for (int i = 0; i < gray.length; i += 3) {
            assertThat(new int[] {gray[i] & 0xFF, gray[i + 1] & 0xFF, gray[i + 2] & 0xFF})
                    .containsOnly(luma(COLOURED.pixels(), i));
        }
    }

    @Test
    void shouldHalveEachChannelsDistanceFromTheLumaAtHalfStrength() {
        final byte[] in = COLOURED.pixels();
        final byte[] half = new ColourStrength(0.5).apply(COLOURED).pixels();

        for (int i = 0; i < in.length; i++) {
            final double y = 0.299 * (in[i - i % 3] & 0xFF) + 0.587 * (in[i - i % 3 + 1] & 0xFF)
                    + 0.114 * (in[i - i % 3 + 2] & 0xFF);
            assertThat(half[i] & 0xFF).isEqualTo((int) Math.round(y + 0.5 * ((in[i] & 0xFF) - y)));
        }
        // the orange's luma is 155.5: its red 230 comes halfway down to 192.8, its blue 40 halfway up to 97.8
        assertThat(new int[] {half[0] & 0xFF, half[2] & 0xFF}).containsExactly(193, 98);
    }

    @Test
    void shouldLeaveAGrayImageAlone() {
        final Image gray = new Image(2, 1, 1, new byte[] {10, 20});

        assertThat(new ColourStrength(0.3).apply(gray)).isSameAs(gray);
    }

    @Test
    void shouldRefuseAStrengthOutsideZeroToTwo() {
        assertThatThrownBy(() -> new ColourStrength(-0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0, 2.0]");
        assertThatThrownBy(() -> new ColourStrength(2.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ColourStrength(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
