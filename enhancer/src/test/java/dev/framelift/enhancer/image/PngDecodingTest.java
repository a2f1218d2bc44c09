package dev.framelift.enhancer.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.framelift.enhancer.reject.FrameRejectedException;
import dev.framelift.enhancer.testing.TestPayloads;
import dev.framelift.model.Image;
import dev.framelift.schema.Encoding;
import dev.framelift.schema.RejectReason;

/**
 * The row-by-row PNG decoder against PNGs written by ImageIO's independent encoder (every bit
 * depth, alpha, Adam7 interlacing, all row filters) and by hand (tRNS, palettes, bombs), and its
 * memory: the result plus rows, whatever the file's depth.
 */
class PngDecodingTest {
    private final ImageCodec codec = new ImageCodec(ImageLimits.defaults());

    @ParameterizedTest(name = "{0} band(s), {1}-bit, alpha {2}, interlaced {3}")
    @CsvSource({"1, 8, false, true", "1, 16, false, false", "1, 16, false, true", "1, 8, true, false",
            "1, 16, true, true", "3, 8, false, true", "3, 16, false, false", "3, 16, false, true",
            "3, 8, true, true", "3, 16, true, false", "3, 16, true, true"})
    void shouldDecodeEveryDepthAndAlphaImageIoWritesRoundedAndCompositedOntoBlack(int colour, int bits, boolean alpha,
            boolean interlaced) throws Exception {
        int w = 37;
        int h = 23;
        BufferedImage source = noise(w, h, colour, bits, alpha);

        Image decoded = codec.decode(Encoding.PNG, write(source, interlaced), 0, 0);

        assertThat(decoded.channels()).isEqualTo(colour);
        WritableRaster raster = source.getRaster();
        int max = (1 << bits) - 1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int a = alpha ? to8(raster.getSample(x, y, colour), max) : 255;
                for (int c = 0; c < colour; c++) {
                    int v = to8(raster.getSample(x, y, c), max);
                    int expected = a == 255 ? v : (v * a + 127) / 255;
                    assertThat(decoded.pixels()[(y * w + x) * colour + c] & 0xff).as("(%d,%d) band %d", x, y, c)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void shouldDecodeTinyInterlacedImagesWhosePassesAreEmpty() throws Exception {
        for (int[] size : new int[][] {{1, 1}, {2, 1}, {1, 3}, {3, 5}, {9, 2}}) {
            BufferedImage source = noise(size[0], size[1], 3, 8, false);
            Image decoded = codec.decode(Encoding.PNG, write(source, true), 0, 0);
            assertThat(decoded.width()).isEqualTo(size[0]);
            assertThat(decoded.pixels()[decoded.byteCount() - 1] & 0xff)
                    .isEqualTo(source.getRaster().getSample(size[0] - 1, size[1] - 1, 2));
        }
    }

    @ParameterizedTest(name = "{0}-bit gray")
    @CsvSource({"1", "2", "4"})
    void shouldScaleLowBitDepthGrayToTheFullRange(int bits) throws Exception {
        int levels = 1 << bits;
        int w = 8 / bits * 2;
        byte[] rows = new byte[2];
        for (int x = 0; x < w; x++) {
            int v = x % levels;
            rows[x * bits / 8] |= (byte) (v << (8 - bits - (x * bits) % 8));
        }
        Image decoded = codec.decode(Encoding.PNG, TestPayloads.pngOf(w, 1, bits, 0, rows, List.of()), 0, 0);
        for (int x = 0; x < w; x++) {
            assertThat(decoded.pixels()[x] & 0xff).isEqualTo((x % levels) * 255 / (levels - 1));
        }
    }

    @Test
    void shouldMakeTheTransparentColourOfATrnsChunkBlack() throws Exception {
        byte[] rows = {10, 20, 30, 40, 50, 60};
        byte[] trns = {0, 40, 0, 50, 0, 60};
        Image decoded = codec.decode(Encoding.PNG, TestPayloads.pngOf(2, 1, 8, 2, rows, List.of(Map.entry("tRNS", trns))),
                0, 0);

        assertThat(decoded.pixels()).containsExactly(10, 20, 30, 0, 0, 0);
    }

    @Test
    void shouldApplyPaletteAlphaAndRefuseIndexesBeyondThePalette() throws Exception {
        byte[] plte = {(byte) 200, 100, 50, 10, 20, 30};
        byte[] trns = {(byte) 128};
        List<Map.Entry<String, byte[]>> chunks = List.of(Map.entry("PLTE", plte), Map.entry("tRNS", trns));
        Image decoded = codec.decode(Encoding.PNG, TestPayloads.pngOf(2, 1, 8, 3, new byte[] {0, 1}, chunks), 0, 0);

        assertThat(decoded.pixels()).containsExactly(100, 50, 25, 10, 20, 30);
        assertThatThrownBy(() -> codec.decode(Encoding.PNG, TestPayloads.pngOf(1, 1, 8, 3, new byte[] {2}, chunks), 0, 0))
                .isInstanceOf(FrameRejectedException.class).hasMessageContaining("palette index 2 beyond its 2 entries");
    }

    @Test
    void shouldRejectAPaletteImageWithoutAPalette() {
        assertThatThrownBy(() -> codec.decode(Encoding.PNG, TestPayloads.pngOf(1, 1, 8, 3, new byte[] {0}, List.of()), 0, 0))
                .isInstanceOf(FrameRejectedException.class).hasMessageContaining("without a PLTE");
    }

    @Test
    void shouldRejectImageDataThatEndsBeforeTheLastRow() {
        // the header claims 64 rows of 5 bytes, the data inflates to 64 bytes: refused, not filled in
        byte[] tall = TestPayloads.pngWithHeader(4, 64, 8, 0);

        assertThatThrownBy(() -> codec.decode(Encoding.PNG, tall, 0, 0)).isInstanceOf(FrameRejectedException.class)
                .satisfies(e -> assertThat(((FrameRejectedException) e).reason()).isEqualTo(RejectReason.CORRUPT_IMAGE))
                .hasMessageContaining("ends early");
    }

    @Test
    void shouldDecodeA16BitRgbaPngIntoNoMoreMemoryThanTheResultAndARow() throws Exception {
        int w = 1024;
        int h = 1024;
        byte[] rows = new byte[w * h * 8];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (byte) ((i / 8) % w / 4 + (i % 8) * 16); // smooth, so the file stays within the payload limit
        }
        byte[] png = TestPayloads.pngOf(w, h, 16, 6, rows, List.of());
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        long before = threads.getCurrentThreadAllocatedBytes();
        Image decoded = codec.decode(Encoding.PNG, png, 0, 0);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(decoded.byteCount()).isEqualTo(w * h * 3);
        // ImageIO needed a 8 MiB 16-bit raster plus the copy; here: the 3 MiB result and a few rows
        assertThat(allocated).as("bytes allocated").isLessThan(decoded.byteCount() + (1L << 20));
    }

    private static int to8(int sample, int max) {
        return max == 255 ? sample : (sample * 255 + max / 2) / max;
    }

    /** Random samples in an image of {@code colour} bands (+ alpha) of {@code bits} each. */
    private static BufferedImage noise(int w, int h, int colour, int bits, boolean alpha) {
        int bands = colour + (alpha ? 1 : 0);
        ColorSpace space = ColorSpace.getInstance(colour == 1 ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB);
        int type = bits == 16 ? DataBuffer.TYPE_USHORT : DataBuffer.TYPE_BYTE;
        ComponentColorModel model = new ComponentColorModel(space, alpha, false,
                alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, type);
        WritableRaster raster = model.createCompatibleWritableRaster(w, h);
        Random random = new Random(w * 31L + bits + bands);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int b = 0; b < bands; b++) {
                    // smooth enough for the encoder to pick every row filter, noisy enough to matter
                    int smooth = (x * 7 + y * 13 + b * 50) % 256;
                    int v = bits == 16 ? (smooth << 8) | random.nextInt(256) : (smooth + random.nextInt(8)) & 0xff;
                    raster.setSample(x, y, b, v);
                }
            }
        }
        return new BufferedImage(model, raster, false, null);
    }

    private static byte[] write(BufferedImage image, boolean interlaced) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(interlaced ? ImageWriteParam.MODE_DEFAULT : ImageWriteParam.MODE_DISABLED);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        byte[] png = out.toByteArray();
        assertThat(png[8 + 8 + 12]).as("interlace method").isEqualTo((byte) (interlaced ? 1 : 0));
        return png;
    }
}
