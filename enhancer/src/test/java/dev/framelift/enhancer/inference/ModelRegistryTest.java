package dev.framelift.enhancer.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.enhancer.image.Image;
import dev.framelift.enhancer.testing.TestGenerators;
import dev.framelift.enhancer.testing.TestImages;
import dev.framelift.schema.Tasks;

class ModelRegistryTest {
    @TempDir
    Path dir;

    @Test
    void shouldLoadOneModelPerTaskFromTheSubdirectories() throws IOException {
        TestGenerators.writeAll(dir);
        Files.createDirectories(dir.resolve("not-a-model"));
        Files.writeString(dir.resolve("README.txt"), "stray file");

        try (ModelRegistry registry = ModelRegistry.load(dir)) {
            assertThat(registry.tasks()).containsExactly(Tasks.COLORIZE, Tasks.SR_X2, Tasks.SR_X4);
            assertThat(registry.get(Tasks.SR_X4)).get().extracting(Generator::scale).isEqualTo(4);
            assertThat(registry.get(Tasks.COLORIZE)).get().extracting(Generator::inputChannels).isEqualTo(1);
            assertThat(registry.get("deblur")).isEmpty();
            assertThat(registry.acquire("deblur")).isEmpty();
        }
    }

    @Test
    void shouldPreferTheNewestModelWhenTwoClaimTheSameTask() throws IOException {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        TestGenerators.writeInto(dir.resolve("b-old"), Tasks.SR_X2, 2, 3, "old", t0);
        TestGenerators.writeInto(dir.resolve("a-new"), Tasks.SR_X2, 2, 3, "new", t0.plusSeconds(60));

        try (ModelRegistry registry = ModelRegistry.load(dir)) {
            assertThat(registry.tasks()).containsExactly(Tasks.SR_X2);
            assertThat(registry.get(Tasks.SR_X2)).get().extracting(Generator::version).isEqualTo("new");
        }
    }

    @Test
    void shouldFailNamingTheMissingDirectory() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> ModelRegistry.load(missing)).isInstanceOf(IOException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void shouldKeepALeasedGeneratorOpenUntilItsLeaseClosesAfterASwap() throws IOException {
        Generator old = Generator.load(TestGenerators.writeInto(dir.resolve("v1"), Tasks.SR_X2, 2, 3, "v1",
                Instant.now()));
        Generator replacement = Generator.load(TestGenerators.writeInto(dir.resolve("v2"), Tasks.SR_X2, 2, 3, "v2",
                Instant.now()));
        List<Image> frame = List.of(TestImages.gradient(8, 6, 3, 1));
        try (ModelRegistry registry = ModelRegistry.of(old)) {
            ModelLease lease = registry.acquire(Tasks.SR_X2).orElseThrow();

            registry.activate(replacement);

            assertThat(registry.get(Tasks.SR_X2)).contains(replacement);
            try (ModelLease fresh = registry.acquire(Tasks.SR_X2).orElseThrow()) {
                assertThat(fresh.generator()).isSameAs(replacement);
            }
            // the in-flight batch still runs on the old model
            assertThat(lease.generator().enhance(frame)).hasSize(1);
            lease.close();
            assertThatThrownBy(() -> old.enhance(frame)).isInstanceOf(IllegalStateException.class);
            assertThat(replacement.enhance(frame)).hasSize(1);
        }
        assertThatThrownBy(() -> replacement.enhance(frame)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldCloseAReplacedGeneratorAtOnceWhenNoLeaseHoldsIt() throws IOException {
        Generator old = Generator.load(TestGenerators.writeInto(dir.resolve("v1"), Tasks.SR_X2, 2, 3, "v1",
                Instant.now()));
        Generator replacement = Generator.load(TestGenerators.writeInto(dir.resolve("v2"), Tasks.SR_X2, 2, 3, "v2",
                Instant.now()));
        try (ModelRegistry registry = ModelRegistry.of(old)) {
            registry.activate(replacement);
            assertThatThrownBy(() -> old.enhance(List.of(TestImages.gradient(4, 4, 3, 0))))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(registry.describe()).isEqualTo("[sr-x2=v2]");
        }
    }
}
