package dev.framelift.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScopeTest {
    @Test
    void shouldParseTaskAndStreamScopesSplittingAtTheFirstAt() {
        assertThat(Scope.parse("colorize")).isEqualTo(Scope.of("colorize"));
        assertThat(Scope.parse("colorize@cam-7")).isEqualTo(Scope.of("colorize", "cam-7"));
        assertThat(Scope.parse("sr-x2@user@site")).isEqualTo(Scope.of("sr-x2", "user@site"));
        assertThat(Scope.parse("colorize@cam-7").taskScope()).isEqualTo(Scope.of("colorize"));
        assertThat(Scope.of("sr-x2", "a@b").toString()).isEqualTo("sr-x2@a@b");
    }

    @Test
    void shouldRefuseEmptyPartsWithAnExample() {
        for (String bad : new String[] {"", "@cam", "colorize@", " "}) {
            assertThatThrownBy(() -> Scope.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("TASK@STREAM");
        }
    }
}
