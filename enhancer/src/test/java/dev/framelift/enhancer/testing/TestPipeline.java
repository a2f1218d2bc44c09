package dev.framelift.enhancer.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.enhancer.image.ImageCodec;
import dev.framelift.enhancer.image.ImageLimits;
import dev.framelift.enhancer.inference.BatchingConfig;
import dev.framelift.enhancer.inference.MicroBatcher;
import dev.framelift.enhancer.inference.ModelRegistry;
import dev.framelift.enhancer.pipeline.FrameBudget;
import dev.framelift.enhancer.pipeline.FramePipeline;
import dev.framelift.model.testing.TestModels;
import dev.framelift.schema.Encoding;
import dev.framelift.schema.Tasks;

/**
 * A real {@link FramePipeline} over the three tiny test generators plus a perceptual sr-x2 one
 * (serving {@code sr-x2-perceptual}); closing it closes the batcher and models.
 */
public final class TestPipeline implements AutoCloseable {
    /** Every enhancer setting at its default: tiling and chroma smoothing as a user gets them. */
    private static final EnhancerConfig DEFAULTS = new EnhancerConfig(java.util.Map.of());

    private final ModelRegistry registry;
    private final MicroBatcher batcher;
    private final FramePipeline pipeline;

    private TestPipeline(ModelRegistry registry, MicroBatcher batcher, FramePipeline pipeline) {
        this.registry = registry;
        this.batcher = batcher;
        this.pipeline = pipeline;
    }

    public static TestPipeline create(Path work, BatchingConfig batching) throws IOException {
        return create(work, batching, ImageLimits.defaults(), FrameBudget.defaults());
    }

    public static TestPipeline create(Path work, BatchingConfig batching, ImageLimits limits, FrameBudget budget)
            throws IOException {
        Path models = TestModels.writeAll(Files.createDirectories(work.resolve("models")));
        TestModels.write(models, Tasks.SR_X2_PERCEPTUAL, "test-p");
        ModelRegistry registry = ModelRegistry.load(models);
        MicroBatcher batcher = new MicroBatcher(registry, batching);
        FramePipeline pipeline = new FramePipeline(new ImageCodec(limits), registry, batcher, Encoding.PNG,
                16 * 1024 * 1024, budget, DEFAULTS.tileGrid(), DEFAULTS.chromaStabilizer());
        return new TestPipeline(registry, batcher, pipeline);
    }

    public FramePipeline pipeline() {
        return pipeline;
    }

    public ModelRegistry registry() {
        return registry;
    }

    public MicroBatcher batcher() {
        return batcher;
    }

    @Override
    public void close() {
        batcher.close();
        registry.close();
    }
}
