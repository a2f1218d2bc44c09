package dev.framelift.enhancer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.framelift.enhancer.inference.TensorFlowRuntime;
import dev.framelift.model.Image;
import dev.framelift.model.runtime.ContractModel;
import dev.framelift.model.runtime.ContractViolation;
import dev.framelift.schema.ModelCardJson;

/**
 * Inference alone, per model folder and batch size: each model is loaded on its own (not through
 * the registry, so no batcher or stream sits between the clock and the session run) and run on
 * batches of distinct bench frames at its task's size. Its FLOPs per frame come from its graph
 * ({@link ContractModel#flopsPerFrame}), so the achieved FLOP/s can be set against the MatMul
 * ceiling.
 */
final class ModelSpeed {
    /** One model at one batch size: times of whole batches, per frame. */
    record Row(String model, String task, String architecture, long parameters, int width, int height, int batch,
            double gflopPerFrame, Stats msPerFrame) {
        double framesPerSecond() {
            return 1000 / msPerFrame.p50();
        }

        double achievedGflops() {
            return gflopPerFrame * framesPerSecond();
        }
    }

    private ModelSpeed() {
    }

    /** Every folder of {@code modelsDir} with a model card, sorted by name. */
    static List<Path> modelFolders(Path modelsDir) throws IOException {
        if (!Files.isDirectory(modelsDir)) {
            throw new IOException("models directory " + modelsDir + " does not exist");
        }
        try (Stream<Path> children = Files.list(modelsDir)) {
            return children.filter(dir -> Files.isRegularFile(dir.resolve(ModelCardJson.FILE_NAME))).sorted().toList();
        }
    }

    /**
     * @param size    the task's input size for a model (see {@link BenchSizes})
     * @param batches the batch sizes to time
     * @param runs    timed batches per size, after one warm-up batch
     */
    static List<Row> measure(Path modelDir, BenchSizes size, List<Integer> batches, int runs, Consumer<String> log)
            throws ContractViolation {
        final List<Row> rows = new ArrayList<>();
        try (ContractModel model = ContractModel.load(modelDir, TensorFlowRuntime.configProto())) {
            final int[] wh = size.input(model.task());
            final List<Image> frames = BenchFrames.images(BenchFrames.jpegs(model.task(), wh[0], wh[1]), model.inputChannels());
            final double gflop = model.flopsPerFrame(wh[0], wh[1]) / 1e9;
            for (int batch : batches) {
                final List<Image> input = new ArrayList<>();
                for (int i = 0; i < batch; i++) {
                    input.add(frames.get(i % frames.size()));
                }
                model.enhance(input);
                final double[] ms = new double[runs];
                for (int r = 0; r < runs; r++) {
                    final long start = System.nanoTime();
                    model.enhance(input);
                    ms[r] = (System.nanoTime() - start) / 1e6 / batch;
                }
                final Row row = new Row(modelDir.getFileName().toString(), model.task(), model.card().getArchitecture(),
                        model.card().getParameters(), wh[0], wh[1], batch,
                        gflop, Stats.of(ms));
                log.accept(String.format("  %s batch %d: %.1f ms/frame, %.2f frames/s", row.model(), batch,
                        row.msPerFrame().p50(), row.framesPerSecond()));
                rows.add(row);
            }
        }
        return rows;
    }

}
