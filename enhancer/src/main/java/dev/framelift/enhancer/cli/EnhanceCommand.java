package dev.framelift.enhancer.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.enhancer.image.ImageCodec;
import dev.framelift.enhancer.inference.MicroBatcher;
import dev.framelift.enhancer.inference.ModelRegistry;
import dev.framelift.enhancer.inference.TensorFlowRuntime;
import dev.framelift.enhancer.pipeline.FramePipeline;
import dev.framelift.enhancer.pipeline.Payloads;
import dev.framelift.enhancer.reject.FrameRejectedException;
import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Encoding;
import dev.framelift.schema.Frame;

/**
 * {@code framelift enhance}: files in, files out, no Kafka. The same pipeline and micro-batcher
 * as the stream, fed by a pool of workers in place of stream threads.
 */
@Command(name = "enhance", mixinStandardHelpOptions = true,
        description = {"Enhance a PNG/JPEG file, or every PNG/JPEG under a folder, without Kafka.",
                "Outputs are PNG (or JPEG with --format jpeg); a folder keeps its sub-folders."})
final class EnhanceCommand implements Callable<Integer> {
    @Option(names = "--task", required = true, paramLabel = "TASK", description = "sr-x2, sr-x4 or colorize.")
    String task;

    @Parameters(index = "0", paramLabel = "IN", description = "Input image or folder.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output image (when IN is a file) or folder.")
    Path out;

    @Option(names = "--format", defaultValue = "png", description = "png or jpeg (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--workers", defaultValue = "4", description = "Images in flight at once (default: ${DEFAULT-VALUE}).")
    int workers;

    @Mixin
    EnhancerOptions options;

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(in)) {
            System.err.println("no such file or folder: " + in);
            return 2;
        }
        Encoding outputEncoding = format.equalsIgnoreCase("jpeg") || format.equalsIgnoreCase("jpg") ? Encoding.JPEG : Encoding.PNG;
        EnhancerConfig config = options.toConfig(null);
        List<Path> inputs = listImages(in);
        if (inputs.isEmpty()) {
            System.err.println("no PNG or JPEG files under " + in);
            return 2;
        }
        TensorFlowRuntime.configure(config.getInt(EnhancerConfig.TF_INTRA_OP_THREADS),
                config.getInt(EnhancerConfig.TF_INTER_OP_THREADS));
        try (ModelRegistry registry = ModelRegistry.load(Path.of(config.getString(EnhancerConfig.MODELS_DIR)));
                MicroBatcher batcher = new MicroBatcher(registry, config.batching())) {
            if (registry.get(task).isEmpty()) {
                System.err.println("no model for task '" + task + "' in " + config.getString(EnhancerConfig.MODELS_DIR)
                        + "; loaded: " + registry.tasks());
                return 2;
            }
            FramePipeline pipeline = new FramePipeline(new ImageCodec(config.imageLimits()), registry, batcher,
                    outputEncoding, Integer.MAX_VALUE, config.frameBudget());
            return enhanceAll(pipeline, inputs, outputEncoding);
        }
    }

    private int enhanceAll(FramePipeline pipeline, List<Path> inputs, Encoding outputEncoding) throws InterruptedException {
        ProgressLine progress = new ProgressLine("enhance " + task, inputs.size());
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, workers));
        List<Future<?>> pending = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Path source = inputs.get(i);
            long sequence = i;
            pending.add(pool.submit(() -> {
                try {
                    Path target = targetFor(source, outputEncoding);
                    EnhancedFrame result = pipeline.enhance(frameOf(source, sequence));
                    Files.createDirectories(target.toAbsolutePath().getParent());
                    Files.write(target, Payloads.bytes(result.getPayload()));
                } catch (FrameRejectedException e) {
                    failed.incrementAndGet();
                    System.err.printf("%nskipped %s: %s (%s)%n", source, e.getMessage(), e.reason());
                } catch (IOException e) {
                    failed.incrementAndGet();
                    System.err.printf("%nfailed %s: %s%n", source, e.getMessage());
                }
                progress.update(done.incrementAndGet(), source.getFileName().toString());
            }));
        }
        pool.shutdown();
        for (Future<?> future : pending) {
            try {
                future.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        progress.finish();
        System.out.printf("%d enhanced, %d skipped -> %s%n", inputs.size() - failed.get(), failed.get(), out);
        return failed.get() == 0 ? 0 : 1;
    }

    private Frame frameOf(Path source, long sequence) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        return Frame.newBuilder().setStreamId(source.getFileName().toString()).setSequence(sequence)
                .setCaptureTime(Instant.now()).setTask(task).setEncoding(sniff(bytes))
                .setPayload(ByteBuffer.wrap(bytes)).setAttributes(Map.of("source", source.toString())).build();
    }

    private Path targetFor(Path source, Encoding outputEncoding) {
        String extension = outputEncoding == Encoding.JPEG ? ".jpg" : ".png";
        if (Files.isRegularFile(in)) {
            return Files.isDirectory(out) ? out.resolve(stem(source) + extension) : out;
        }
        Path relative = in.relativize(source);
        Path parent = relative.getParent();
        String name = stem(source) + extension;
        return parent == null ? out.resolve(name) : out.resolve(parent).resolve(name);
    }

    static Encoding sniff(byte[] bytes) {
        boolean jpeg = bytes.length > 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8;
        return jpeg ? Encoding.JPEG : Encoding.PNG;
    }

    static List<Path> listImages(Path root) throws IOException {
        if (Files.isRegularFile(root)) {
            return List.of(root);
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(EnhanceCommand::isImage).sorted().toList();
        }
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg");
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
