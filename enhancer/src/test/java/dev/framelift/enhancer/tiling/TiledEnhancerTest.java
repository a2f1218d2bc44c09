package dev.framelift.enhancer.tiling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.framelift.enhancer.demo.SampleFootage;
import dev.framelift.enhancer.image.ImageCodec;
import dev.framelift.enhancer.image.ImageLimits;
import dev.framelift.enhancer.image.YCbCrPlanes;
import dev.framelift.enhancer.inference.BatchingConfig;
import dev.framelift.enhancer.inference.Enhancement;
import dev.framelift.enhancer.inference.Generator;
import dev.framelift.enhancer.inference.MicroBatcher;
import dev.framelift.enhancer.inference.ModelRegistry;
import dev.framelift.model.Image;
import dev.framelift.schema.Encoding;

/**
 * Tiled against untiled output of the same frame, with the real models the repository ships (a
 * deep super-resolution net, and the U-Net colorizer, which is never tiled) on a real frame of
 * the shipped footage, cut into many small tiles.
 */
class TiledEnhancerTest {
    /** Small tiles, so the frame has dozens of seams; the overlap is the default one. */
    private static final TileGrid GRID = new TileGrid(256, 128);
    /** Output pixels from the frame border that the bound leaves out. */
    private static final int BORDER = 16;

    static ModelRegistry registry;
    static MicroBatcher batcher;
    static Image frame;

    @BeforeAll
    static void load() throws Exception {
        registry = ModelRegistry.load(Path.of("..", "models"));
        batcher = new MicroBatcher(registry, new BatchingConfig(4, Duration.ofMillis(5), 64));
        frame = new ImageCodec(ImageLimits.defaults()).decode(Encoding.JPEG,
                SampleFootage.encode(SampleFootage.clipFrame(5), "jpeg"), 0, 0);
    }

    @AfterAll
    static void close() {
        batcher.close();
        registry.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sr-x2", "sr-x2-realtime"})
    void shouldMatchTheUntiledOutputWithinTwoLevelsAndShowNoTileGrid(String task) throws Exception {
        Generator model = registry.get(task).orElseThrow();
        Image input = ImageCodec.toChannels(frame, model.inputChannels());
        assertThat(GRID.spans(input.width()).size() * GRID.spans(input.height()).size()).isGreaterThan(8);

        Image whole = batcher.submit(task, input).get().output();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        Image tiled = new TiledEnhancer(batcher, GRID).enhance(task, input, model.scale(), deadline,
                TiledEnhancerTest::get).output();

        assertThat(new int[] {tiled.width(), tiled.height()}).containsExactly(whole.width(), whole.height());
        int w = whole.width();
        int h = whole.height();
        byte[] diff = new byte[w * h];
        double[] columns = new double[w];
        double[] rows = new double[h];
        int worst = 0;
        for (int y = BORDER; y < h - BORDER; y++) {
            for (int x = BORDER; x < w - BORDER; x++) {
                int d = 0;
                for (int c = 0; c < 3; c++) {
                    int i = (y * w + x) * 3 + c;
                    d = Math.max(d, Math.abs((whole.pixels()[i] & 0xFF) - (tiled.pixels()[i] & 0xFF)));
                }
                worst = Math.max(worst, d);
                columns[x] += d / (double) (h - 2 * BORDER);
                rows[y] += d / (double) (w - 2 * BORDER);
                diff[y * w + x] = (byte) Math.min(255, d * 64);
            }
        }
        Path picture = Files.createDirectories(Path.of("target", "tiling")).resolve(task + "-difference-x64.png");
        Files.write(picture, new ImageCodec(ImageLimits.defaults()).encode(new Image(w, h, 1, diff), Encoding.PNG));

        assertThat(worst).as("largest |tiled - untiled| away from the border, levels").isLessThanOrEqualTo(2);
        // a visible grid is a line of differences along a seam: no output row or column may
        // differ by more than a quarter of a level on average (see the picture written above)
        assertThat(max(columns)).as("worst column mean, levels").isLessThan(0.25);
        assertThat(max(rows)).as("worst row mean, levels").isLessThan(0.25);
    }

    @Test
    void shouldColourAGrayFrameLargerThanATileWholeOntoItsOwnLuma() throws Exception {
        Image gray = ImageCodec.toChannels(frame, 1);
        TileGrid grid = new TileGrid(512, 128);
        assertThat(grid.needsTiling(gray.width(), gray.height())).isTrue();
        Image whole = batcher.submit("colorize", gray).get().output();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        Enhancement reduced = new TiledEnhancer(batcher, grid).enhance("colorize", gray, 1, deadline, TiledEnhancerTest::get);
        assertThat(reduced.batchSize()).isEqualTo(1);

        Image out = reduced.output();
        assertThat(new int[] {out.width(), out.height(), out.channels()}).containsExactly(gray.width(), gray.height(), 3);
        YCbCrPlanes planes = YCbCrPlanes.of(out);
        YCbCrPlanes wholePlanes = YCbCrPlanes.of(whole);
        double lumaError = 0;
        double chromaGap = 0;
        double chroma = 0;
        int n = gray.width() * gray.height();
        for (int i = 0; i < n; i++) {
            lumaError += Math.abs(planes.luma()[i] - (gray.pixels()[i] & 0xFF));
            chromaGap += Math.abs(planes.cb()[i] - wholePlanes.cb()[i]) + Math.abs(planes.cr()[i] - wholePlanes.cr()[i]);
            chroma += Math.abs(wholePlanes.cb()[i]) + Math.abs(wholePlanes.cr()[i]);
        }
        assertThat(lumaError / n).as("mean |output luma - input|, levels: every pixel of input detail kept").isLessThan(0.6);
        assertThat(chroma / n).as("the frame is coloured at all").isGreaterThan(2);
        // the colorizer colours any frame at 384 px, and the copy is reduced straight to it: it sees what the whole frame does
        assertThat(chromaGap / chroma).as("chroma against the whole frame's").isLessThan(0.1);
    }

    private static double max(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static dev.framelift.enhancer.inference.Enhancement get(
            java.util.concurrent.CompletableFuture<dev.framelift.enhancer.inference.Enhancement> pending) {
        try {
            return pending.get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
