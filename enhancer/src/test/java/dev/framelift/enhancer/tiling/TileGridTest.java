package dev.framelift.enhancer.tiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class TileGridTest {
    private final TileGrid grid = new TileGrid(64, 16);

    @Test
    void shouldNotTileAFrameThatFitsInOneTile() {
        assertThat(grid.needsTiling(64, 64)).isFalse();
        assertThat(grid.needsTiling(65, 10)).isTrue();
        assertThat(grid.spans(64)).containsExactly(new TileGrid.Span(0, 64));
    }

    @Test
    void shouldCoverEveryLengthWithAlignedSpansThatOverlapEnoughAndNeverThreeDeep() {
        for (int length = 65; length < 700; length++) {
            List<TileGrid.Span> spans = grid.spans(length);
            assertThat(spans.get(0).start()).isZero();
            assertThat(spans.get(spans.size() - 1).end()).isEqualTo(length);
            for (int i = 0; i < spans.size(); i++) {
                TileGrid.Span s = spans.get(i);
                assertThat(s.start() % TileGrid.ALIGN).as("start of %s in %d", s, length).isZero();
                assertThat(s.length()).isBetween(64, 64 + 16 + TileGrid.ALIGN);
                if (i > 0) {
                    assertThat(spans.get(i - 1).end() - s.start()).as("overlap before %s in %d", s, length)
                            .isGreaterThanOrEqualTo(16);
                }
                if (i > 1) {
                    assertThat(spans.get(i - 2).end()).as("three spans over one point in %d", length)
                            .isLessThanOrEqualTo(s.start());
                }
            }
        }
    }

    @Test
    void shouldWeighEveryOutputPixelToExactlyOneAndIgnoreTheMarginOfACutEdge() {
        int scale = 2;
        for (int length : new int[] {65, 100, 150, 333}) {
            List<TileGrid.Span> spans = grid.spans(length);
            float[] sum = new float[length * scale];
            for (int i = 0; i < spans.size(); i++) {
                float[] w = grid.weights(spans, i, scale);
                for (int k = 0; k < w.length; k++) {
                    sum[spans.get(i).start() * scale + k] += w[k];
                }
                if (i > 0) {
                    // the first overlap/4 input pixels after a cut edge never count
                    for (int k = 0; k < 16 / 4 * scale; k++) {
                        assertThat(w[k]).isZero();
                    }
                }
            }
            for (float s : sum) {
                assertThat(s).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }

    @Test
    void shouldRefuseAnOverlapThatLeavesNoRoom() {
        assertThatThrownBy(() -> new TileGrid(64, 40)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TileGrid(100, 16)).hasMessageContaining("multiples of 8");
    }
}
