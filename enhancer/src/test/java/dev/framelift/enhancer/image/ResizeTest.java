package dev.framelift.enhancer.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.framelift.model.Image;

class ResizeTest {
    @Test
    void shouldAverageACheckerboardToItsMeanInsteadOfAliasing() {
        int w = 64;
        int h = 48;
        byte[] px = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px[y * w + x] = (byte) ((x + y) % 2 == 0 ? 40 : 200);
            }
        }
        Image checker = new Image(w, h, 1, px);
        for (int[] size : new int[][] {{32, 24}, {21, 16}, {10, 7}}) {
            Image area = Resize.area(checker, size[0], size[1]);
            assertThat(area.width()).isEqualTo(size[0]);
            for (byte b : area.pixels()) {
                assertThat(b & 0xFF).as("%dx%d", size[0], size[1]).isBetween(112, 128);
            }
        }
        // bicubic shrinking samples the pattern and keeps its extremes
        Image sampled = Resize.bicubic(checker, 21, 16);
        int spread = 0;
        for (byte b : sampled.pixels()) {
            spread = Math.max(spread, Math.abs((b & 0xFF) - 120));
        }
        assertThat(spread).isGreaterThan(40);
    }

    @Test
    void shouldWeighAPartlyCoveredPixelByItsShare() {
        // 3 px into 2: the middle pixel is split evenly between the two outputs
        Image row = new Image(3, 1, 3, new byte[] {0, 0, 0, (byte) 90, (byte) 90, (byte) 90, (byte) 180, (byte) 180, (byte) 180});
        Image two = Resize.area(row, 2, 1);
        assertThat(two.pixels()).containsExactly(30, 30, 30, (byte) 150, (byte) 150, (byte) 150);
    }

    @Test
    void shouldOnlyShrink() {
        Image one = new Image(4, 4, 1, new byte[16]);
        assertThat(Resize.area(one, 4, 4)).isSameAs(one);
        assertThatThrownBy(() -> Resize.area(one, 5, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot become 5x4");
    }
}
