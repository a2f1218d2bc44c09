package dev.framelift.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SourceBalanceTest {
    @Test
    void shouldGiveASourceOfNPhotosTheSquareRootOfNShares() {
        List<String> sources = List.of("game", "game", "game", "game", "snapshots");

        double[] weights = SourceBalance.inverseSqrt(sources);

        assertThat(weights).containsExactly(0.5, 0.5, 0.5, 0.5, 1.0);
        assertThat(SourceBalance.shares(sources, weights, 5)).containsExactly("game 66.7 %", "snapshots 33.3 %");
        assertThat(SourceBalance.shares(sources, new double[] {1, 1, 1, 1, 1}, 1)).containsExactly("game 80.0 %");
    }
}
