package dev.framelift.enhancer.footage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class NaturalOrderTest {
    @Test
    void shouldCountNumbersAsNumbersAndIgnoreCase() {
        List<String> names = new ArrayList<>(List.of("scan10.png", "Scan2.png", "scan1.png", "scan02.png",
                "a/scan3.png", "scan2b.png", "frame.png"));
        names.sort(NaturalOrder.INSTANCE);
        // equal numbers: the one with fewer leading zeros first, at that number
        assertThat(names).containsExactly("a/scan3.png", "frame.png", "scan1.png", "Scan2.png", "scan2b.png",
                "scan02.png", "scan10.png");
    }

    @Test
    void shouldOrderHugeNumbersWithoutOverflowing() {
        assertThat(NaturalOrder.INSTANCE.compare("f99999999999999999999.png", "f100000000000000000000.png"))
                .isNegative();
    }
}
