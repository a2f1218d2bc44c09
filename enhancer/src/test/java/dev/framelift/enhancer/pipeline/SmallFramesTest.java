package dev.framelift.enhancer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.enhancer.image.ImageCodec;
import dev.framelift.enhancer.image.ImageLimits;
import dev.framelift.enhancer.inference.BatchingConfig;
import dev.framelift.enhancer.inference.Generator;
import dev.framelift.enhancer.inference.MicroBatcher;
import dev.framelift.enhancer.inference.ModelRegistry;
import dev.framelift.enhancer.testing.FailingGenerators;
import dev.framelift.enhancer.testing.TestFrames;
import dev.framelift.model.Image;
import dev.framelift.schema.Encoding;
import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Tasks;

class SmallFramesTest {
    @Test
    void shouldPadByRepeatingTheLastColumnAndRow() {
        Image image = new Image(2, 1, 1, new byte[] {10, 20});

        Image padded = SmallFrames.padded(image, 4, 3);

        assertThat(padded.width()).isEqualTo(4);
        assertThat(padded.pixels()).containsExactly(10, 20, 20, 20, 10, 20, 20, 20, 10, 20, 20, 20);
        assertThat(SmallFrames.cropped(padded, 2, 1).pixels()).containsExactly(10, 20);
    }

    @Test
    void shouldLeaveFramesThatAreLargeEnoughAlone() {
        Image image = new Image(16, 12, 3, new byte[16 * 12 * 3]);
        assertThat(SmallFrames.padded(image, 16, 12)).isSameAs(image);
        assertThat(SmallFrames.cropped(image, 16, 12)).isSameAs(image);
    }

    @Test
    void shouldEnhanceA1x1FrameWithAModelThatCannotTakeOne(@TempDir Path dir) throws Exception {
        // the model reflects 7 pixels at each border: TensorFlow refuses anything under 8x8
        try (ModelRegistry registry = ModelRegistry.of(Generator.load(FailingGenerators.failingBelow(dir, 8)));
                MicroBatcher batcher = new MicroBatcher(registry, new BatchingConfig(4, Duration.ZERO, 16, 0))) {
            Generator model = registry.get(Tasks.SR_X2).orElseThrow();
            assertThatThrownBy(() -> model.enhance(List.of(new Image(1, 1, 3, new byte[3]))))
                    .as("the model alone fails on a 1x1 frame").hasMessageContaining("paddings");
            FramePipeline pipeline = new FramePipeline(new ImageCodec(ImageLimits.defaults()), registry, batcher,
                    Encoding.PNG, 1 << 20);

            EnhancedFrame tiny = pipeline.enhance(TestFrames.frame("cam", 0, Tasks.SR_X2, Encoding.RGB8,
                    new byte[] {(byte) 200, 100, 50}, 1, 1));
            EnhancedFrame narrow = pipeline.enhance(TestFrames.frame("cam", 1, Tasks.SR_X2, Encoding.RGB8,
                    new byte[5 * 3 * 3], 5, 3));

            assertThat(tiny.getWidth()).isEqualTo(2);
            assertThat(tiny.getHeight()).isEqualTo(2);
            Image pixels = new ImageCodec(ImageLimits.defaults()).decode(Encoding.PNG, Payloads.bytes(tiny.getPayload()), 0, 0);
            assertThat(pixels.pixels()).containsExactly(200, 100, 50, 200, 100, 50, 200, 100, 50, 200, 100, 50);
            assertThat(narrow.getWidth()).isEqualTo(10);
            assertThat(narrow.getHeight()).isEqualTo(6);
        }
    }
}
