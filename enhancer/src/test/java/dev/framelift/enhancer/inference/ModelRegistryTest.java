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

import dev.framelift.model.Image;
import dev.framelift.model.Scope;
import dev.framelift.model.testing.TestImages;
import dev.framelift.model.testing.TestModels;
import dev.framelift.schema.Tasks;

class ModelRegistryTest {
    @TempDir
    Path dir;

    private Generator model(String name, String task) throws IOException {
        return Generator.load(TestModels.writeInto(dir.resolve(name), task, name, Instant.now()));
    }

    @Test
    void shouldLoadOneShippedModelPerTaskFromTheSubdirectories() throws IOException {
        TestModels.writeAll(dir);
        Files.createDirectories(dir.resolve("not-a-model"));
        Files.writeString(dir.resolve("README.txt"), "stray file");

        try (ModelRegistry registry = ModelRegistry.load(dir)) {
            assertThat(registry.tasks()).containsExactly(Tasks.COLORIZE, Tasks.SR_X2, Tasks.SR_X4);
            assertThat(registry.get(Tasks.SR_X4)).get().extracting(Generator::scale).isEqualTo(4);
            assertThat(registry.get(Tasks.COLORIZE)).get().extracting(Generator::inputChannels).isEqualTo(1);
            assertThat(registry.get("deblur")).isEmpty();
            assertThat(registry.acquire("deblur")).isEmpty();
            assertThat(registry.keyFor("deblur", "cam-1")).isEmpty();
            assertThat(registry.keyFor("colorize@cam-1", "cam-1")).as("a task name never holds a scope").isEmpty();
        }
    }

    @Test
    void shouldPreferTheNewestModelWhenTwoClaimTheSameTask() throws IOException {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        TestModels.writeInto(dir.resolve("b-old"), Tasks.SR_X2, "old", t0);
        TestModels.writeInto(dir.resolve("a-new"), Tasks.SR_X2, "new", t0.plusSeconds(60));

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
    void shouldServeAStreamByItsOwnModelThenTheTasksPublishedOneThenTheShippedOne() throws IOException {
        try (ModelRegistry registry = ModelRegistry.of(model("shipped", Tasks.COLORIZE))) {
            assertThat(registry.keyFor(Tasks.COLORIZE, "cam-7")).contains(Tasks.COLORIZE);

            registry.activate(Scope.of(Tasks.COLORIZE), model("general", Tasks.COLORIZE));
            registry.activate(Scope.of(Tasks.COLORIZE, "cam-7"), model("cam7", Tasks.COLORIZE));

            assertThat(registry.keyFor(Tasks.COLORIZE, "cam-7")).contains("colorize@cam-7");
            assertThat(registry.keyFor(Tasks.COLORIZE, "cam-8")).contains(Tasks.COLORIZE);
            assertThat(registry.get("colorize@cam-7")).get().extracting(Generator::version).isEqualTo("cam7");
            assertThat(registry.get("colorize@cam-8")).get().extracting(Generator::version).isEqualTo("general");
            assertThat(registry.status()).extracting(s -> s.scope().toString() + "=" + s.active().getVersion())
                    .containsExactly("colorize=general", "colorize@cam-7=cam7");

            assertThat(registry.remove(Scope.of(Tasks.COLORIZE, "cam-7"))).isTrue();
            assertThat(registry.get("colorize@cam-7")).get().extracting(Generator::version).isEqualTo("general");
            registry.remove(Scope.of(Tasks.COLORIZE));
            assertThat(registry.get("colorize@cam-7")).get().extracting(Generator::version).isEqualTo("shipped");
        }
    }

    @Test
    void shouldKeepALeasedGeneratorOpenUntilItsLeaseClosesAfterASwap() throws IOException {
        Generator old = model("v1", Tasks.SR_X2);
        Generator replacement = model("v2", Tasks.SR_X2);
        List<Image> frame = List.of(TestImages.gradient(8, 6, 3, 1));
        try (ModelRegistry registry = ModelRegistry.of(old)) {
            ModelLease lease = registry.acquire(Tasks.SR_X2).orElseThrow();

            registry.activate(Scope.of(Tasks.SR_X2), replacement);

            assertThat(registry.get(Tasks.SR_X2)).contains(replacement);
            try (ModelLease fresh = registry.acquire(Tasks.SR_X2).orElseThrow()) {
                assertThat(fresh.generator()).isSameAs(replacement);
            }
            // the in-flight batch still runs on the old model
            assertThat(lease.generator().enhance(frame)).hasSize(1);
            lease.close();
            assertThat(old.isClosed()).as("shipped models stay loaded behind a published one").isFalse();
            registry.activateShipped(model("v1b", Tasks.SR_X2));
            assertThat(old.isClosed()).isTrue();
            assertThat(replacement.enhance(frame)).hasSize(1);
        }
        assertThatThrownBy(() -> replacement.enhance(frame)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldCloseAReplacedGeneratorAtOnceWhenNoLeaseHoldsIt() throws IOException {
        Generator first = model("v1", Tasks.SR_X2);
        try (ModelRegistry registry = ModelRegistry.empty()) {
            registry.activate(Scope.of(Tasks.SR_X2), first);
            registry.activate(Scope.of(Tasks.SR_X2), model("v2", Tasks.SR_X2));
            assertThat(first.isClosed()).isTrue();
            assertThat(registry.describe()).isEqualTo("[sr-x2=v2]");
        }
    }

    @Test
    void shouldHoldAShadowCandidateApartFromTheActiveModel() throws IOException {
        try (ModelRegistry registry = ModelRegistry.of(model("active", Tasks.SR_X2))) {
            Generator candidate = model("candidate", Tasks.SR_X2);
            registry.shadow(Scope.of(Tasks.SR_X2), candidate, 0.25);

            assertThat(registry.get(Tasks.SR_X2)).get().extracting(Generator::version).isEqualTo("active");
            ShadowCandidate shadow = registry.shadowOf(Tasks.SR_X2).orElseThrow();
            assertThat(shadow.fraction()).isEqualTo(0.25);
            try (ModelLease lease = shadow.acquire().orElseThrow()) {
                assertThat(lease.generator()).isSameAs(candidate);
            }
            assertThat(registry.status()).singleElement().satisfies(s -> assertThat(s.shadow().getVersion()).isEqualTo("candidate"));

            assertThat(registry.removeShadow(Scope.of(Tasks.SR_X2))).isTrue();
            assertThat(candidate.isClosed()).isTrue();
            assertThat(shadow.acquire()).isEmpty();
        }
    }
}
