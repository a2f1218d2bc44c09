package dev.framelift.enhancer.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.model.Image;
import dev.framelift.model.runtime.ContractViolation;
import dev.framelift.model.testing.TestImages;
import dev.framelift.model.testing.TestModels;
import dev.framelift.schema.Tasks;

class GeneratorTest {
    @TempDir
    Path dir;

    @Test
    void shouldServeItsTaskAndStampFramesWithVersionScopeAndSha() throws IOException {
        Path modelDir = TestModels.write(dir, Tasks.SR_X2, "test-1");
        try (Generator generator = Generator.load(modelDir)) {
            assertThat(generator.scope().toString()).isEqualTo(Tasks.SR_X2);
            assertThat(generator.origin()).isEqualTo("shipped " + modelDir);
            ModelStamp stamp = generator.stamp();
            assertThat(stamp.version()).isEqualTo("test-1");
            assertThat(stamp.scope()).isEqualTo(Tasks.SR_X2);
            assertThat(stamp.sha256()).hasSize(64).isEqualTo(generator.card().getSha256());
            Image out = generator.enhance(List.of(TestImages.gradient(10, 6, 3, 0))).get(0);
            assertThat(out.width()).isEqualTo(20);
        }
    }

    @Test
    void shouldRefuseAShippedModelThatFailsTheCanary() {
        Path nan = TestModels.writeInto(dir.resolve("nan"), Tasks.COLORIZE, "nan", Instant.now(), TestModels.Kind.NAN, 0f);
        assertThatThrownBy(() -> Generator.load(nan)).isInstanceOf(ContractViolation.class).hasMessageContaining("canary");
    }

    @Test
    void shouldRefuseToRunAfterClose() throws IOException {
        Generator generator = Generator.load(TestModels.write(dir, Tasks.SR_X2, "t"));
        generator.close();
        generator.close();
        assertThat(generator.isClosed()).isTrue();
        assertThatThrownBy(() -> generator.enhance(List.of(TestImages.gradient(8, 8, 3, 0))))
                .isInstanceOf(IllegalStateException.class);
    }
}
