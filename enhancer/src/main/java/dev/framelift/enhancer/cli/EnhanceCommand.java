package dev.framelift.enhancer.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.enhancer.engine.FrameEngine;
import dev.framelift.enhancer.footage.FolderSource;
import dev.framelift.enhancer.image.ContainerFormat;
import dev.framelift.enhancer.pipeline.FramePipeline;
import dev.framelift.enhancer.pipeline.Payloads;
import dev.framelift.enhancer.reject.FrameRejectedException;
import dev.framelift.model.runtime.SelfEnsemble;
import dev.framelift.schema.Encoding;
import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Frame;
import dev.framelift.schema.Tasks;

/**
 * {@code framelift enhance}: files in, files out, no Kafka. The same pipeline and micro-batcher
 * as the stream, fed by a pool of workers in place of stream threads.
 */
@Command(name = "enhance", mixinStandardHelpOptions = true,
        description = {"Enhance a PNG/JPEG file, or every PNG/JPEG under a folder, without Kafka.",
                "Outputs are PNG (or JPEG with --format jpeg, or an OUT file named .jpg); a folder",
                "keeps its sub-folders. Frames of any size up to 256 megapixels work: larger than",
                "tile.size, they run in overlapping tiles. Alpha is kept (its plane upscaled with",
                "bicubic), 16-bit PNGs are processed at 8 bits, gray input to sr-x2/sr-x4 stays gray.",
                "Refuses to write two inputs to one output (a.png and a.jpg), to replace an input,",
                "or to replace an existing file without --overwrite.", ""})
final class EnhanceCommand implements Callable<Integer> {
    @Option(names = "--task", required = true, paramLabel = "TASK", description = "sr-x2, sr-x4 or colorize.")
    String task;

    @Parameters(index = "0", paramLabel = "IN", description = "Input image or folder.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output image (when IN is a file) or folder.")
    Path out;

    @Option(names = "--format", description = "png or jpeg (default: jpeg for an OUT file named .jpg/.jpeg, else png).")
    String format;

    @Option(names = "--workers", defaultValue = "4", description = "Images in flight at once, 1-256 (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--overwrite", description = "Replace output files that exist already (never an input).")
    boolean overwrite;

    @Option(names = "--self-ensemble", description = "Super-resolve every image in its 8 orientations (flips and quarter "
            + "turns) and average them: a little closer to the truth (about +0.1 dB PSNR-Y for sr-x2), for 8x the time. "
            + "Super-resolution tasks only (inference.self.ensemble).")
    boolean selfEnsemble;

    @Option(names = "--colour-strength", paramLabel = "S", description = "Colorize: the model's chroma scaled by S about "
            + "the luma, 0-2; 1 (the default) is the model as calibrated, below 1 muted towards gray, 0 gray "
            + "(colorize.colour.strength).")
    Double colourStrength;

    @Mixin
    EnhancerOptions options;

    /**
     * Offline, the files are the user's own: the service's guards against hostile frames give way
     * to what one image can hold (a frame is tiled, so its size no longer bounds inference memory).
     * Settings given with --set or --config still win.
     */
    static final Map<String, String> OFFLINE_LIMITS = Map.of(
            EnhancerConfig.FRAME_MAX_BYTES, String.valueOf(Integer.MAX_VALUE - 8),
            EnhancerConfig.IMAGE_MAX_SIDE, "65535",
            EnhancerConfig.IMAGE_MAX_PIXELS, String.valueOf(1L << 28),
            // a 4K frame is dozens of tiles: minutes on a busy CPU, not the service's seconds
            EnhancerConfig.FRAME_DEADLINE_MS, "300000",
            // the output of one frame up to what one image can hold (2 GiB of RGB); tiles bound the inference
            EnhancerConfig.OUTPUT_MAX_PIXELS, String.valueOf((Integer.MAX_VALUE - 8) / 3));

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(in)) {
            System.err.println("no such file or folder: " + in);
            return 2;
        }
        if (workers < 1 || workers > 256) {
            throw new IllegalArgumentException("--workers must be between 1 and 256, not " + workers);
        }
        final Encoding outputEncoding = outputEncoding();
        final Map<String, String> defaults = new HashMap<>(OFFLINE_LIMITS);
        if (selfEnsemble) {
            if (Tasks.COLORIZE.equals(Tasks.baseOf(task))) {
                System.err.println("--self-ensemble: " + SelfEnsemble.NOT_FOR_COLOUR);
                return 2;
            }
            defaults.put(EnhancerConfig.INFERENCE_SELF_ENSEMBLE, task);
        }
        if (colourStrength != null) {
            if (!Tasks.COLORIZE.equals(Tasks.baseOf(task))) {
                System.err.println("--colour-strength is for colorize: super-resolution keeps the input's colours");
                return 2;
            }
            // as --set would: a value given on this command line wins over the environment and --config
            options.overrides.put(EnhancerConfig.COLORIZE_COLOUR_STRENGTH, colourStrength.toString());
        }
        final EnhancerConfig config = options.toConfig(null, null, defaults);
        final Path outFolder = out.toAbsolutePath().normalize();
        final boolean outInsideIn = Files.isDirectory(in) && outFolder.startsWith(in.toAbsolutePath().normalize())
                && !outFolder.equals(in.toAbsolutePath().normalize());
        // an OUT folder inside IN holds earlier outputs, not inputs
        final List<Path> inputs = listImages(in).stream()
                .filter(p -> !outInsideIn || !p.toAbsolutePath().normalize().startsWith(outFolder)).toList();
        if (inputs.isEmpty()) {
            System.err.println("no PNG or JPEG files under " + in);
            return 2;
        }
        final OutputPlan plan = OutputPlan.of(in, out, inputs, outputEncoding, overwrite);
        try (FrameEngine engine = FrameEngine.local(config)) {
            if (engine.registry().get(task).isEmpty()) {
                System.err.println("no model for task '" + task + "' in " + config.getString(EnhancerConfig.MODELS_DIR)
                        + "; loaded: " + engine.registry().tasks());
                return 2;
            }
            return enhanceAll(engine.pipeline(outputEncoding, Integer.MAX_VALUE), inputs, plan);
        }
    }

    private int enhanceAll(FramePipeline pipeline, List<Path> inputs, OutputPlan plan) throws InterruptedException {
        final double[] megapixels = new double[inputs.size()];
        double total = 0;
        for (int i = 0; i < inputs.size(); i++) {
            megapixels[i] = ImageHeaders.megapixels(inputs.get(i));
            total += megapixels[i];
        }
        final ProgressLine progress = new ProgressLine("enhance " + task, inputs.size(), "MP", total);
        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final ExecutorService pool = Executors.newFixedThreadPool(workers);
        final List<Future<?>> pending = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            final Path source = inputs.get(i);
            final long sequence = i;
            final double work = megapixels[i];
            pending.add(pool.submit(() -> {
                try {
                    final Path target = plan.target(source);
                    final EnhancedFrame result = pipeline.enhance(frameOf(source, sequence));
                    Files.createDirectories(target.toAbsolutePath().getParent());
                    Files.write(target, Payloads.bytes(result.getPayload()));
                } catch (FrameRejectedException e) {
                    failed.incrementAndGet();
                    System.err.printf("%nskipped %s: %s (%s)%n", source, e.getMessage(), e.reason());
                } catch (IOException e) {
                    failed.incrementAndGet();
                    System.err.printf("%nfailed %s: %s%n", source, e.getMessage());
                }
                progress.update(done.incrementAndGet(), work, source.getFileName().toString());
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
        final byte[] bytes = Files.readAllBytes(source);
        return Frame.newBuilder().setStreamId(source.getFileName().toString()).setSequence(sequence)
                .setCaptureTime(Instant.now()).setTask(task).setEncoding(labelOf(source, bytes))
                .setPayload(ByteBuffer.wrap(bytes)).setAttributes(Map.of("source", source.toString())).build();
    }

    /** --format if given; else from OUT's extension when IN is a file; else PNG. */
    private Encoding outputEncoding() {
        final String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        final boolean jpegName = Files.isRegularFile(in) && !Files.isDirectory(out) && (name.endsWith(".jpg") || name.endsWith(".jpeg"));
        if (format == null) {
            return jpegName ? Encoding.JPEG : Encoding.PNG;
        }
        final Encoding chosen = switch (format.toLowerCase(Locale.ROOT)) {
            case "png" -> Encoding.PNG;
            case "jpeg", "jpg" -> Encoding.JPEG;
            default -> throw new IllegalArgumentException("--format must be png or jpeg, not '" + format + "'");
        };
        if (jpegName && chosen == Encoding.PNG) {
            throw new IllegalArgumentException("--format png, but OUT " + out + " is named as a JPEG");
        }
        return chosen;
    }

    /**
     * The frame's encoding label: what the bytes start with, and for bytes that are neither PNG
     * nor JPEG what the file's name says, so that the refusal speaks of the file the user named.
     */
    static Encoding labelOf(Path source, byte[] bytes) {
        return switch (ContainerFormat.sniff(bytes)) {
            case PNG -> Encoding.PNG;
            case JPEG -> Encoding.JPEG;
            case OTHER_IMAGE, UNKNOWN -> {
                final String name = String.valueOf(source.getFileName()).toLowerCase(Locale.ROOT);
                yield name.endsWith(".jpg") || name.endsWith(".jpeg") ? Encoding.JPEG : Encoding.PNG;
            }
        };
    }

    /** The file itself, or every PNG/JPEG under the folder in natural order (scan2 before scan10). */
    static List<Path> listImages(Path root) throws IOException {
        return Files.isRegularFile(root) ? List.of(root) : FolderSource.list(root);
    }
}
