package dev.framelift.enhancer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.enhancer.image.Resize;
import dev.framelift.model.Image;
import dev.framelift.model.testing.TestModels;

/**
 * Alpha, 16-bit and gray files through {@code framelift enhance} and back, with real tiny
 * models: what comes out has the form of what went in.
 */
class EnhanceFormatsTest {
    @TempDir
    static Path work;
    static Path models;

    @BeforeAll
    static void writeModels() throws IOException {
        models = TestModels.writeAll(Files.createDirectories(work.resolve("models")));
    }

    @Test
    void shouldReattachTheAlphaPlaneUpscaledWithBicubic(@TempDir Path dir) throws IOException {
        int w = 20;
        int h = 12;
        BufferedImage rgba = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        byte[] alpha = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int a = x < 5 ? 0 : Math.min(255, x * 13 + y * 7);
                alpha[y * w + x] = (byte) a;
                rgba.setRGB(x, y, a << 24 | (40 + 9 * x) << 16 | (200 - 8 * y) << 8 | 90);
            }
        }
        BufferedImage out = enhance(dir, "sr-x2", rgba, 512);

        assertThat(out.getColorModel().hasAlpha()).isTrue();
        assertThat(new int[] {out.getWidth(), out.getHeight()}).containsExactly(2 * w, 2 * h);
        Image expected = Resize.bicubic(new Image(w, h, 1, alpha), 2 * w, 2 * h);
        int[] got = out.getAlphaRaster().getPixels(0, 0, 2 * w, 2 * h, (int[]) null);
        for (int i = 0; i < got.length; i++) {
            assertThat(got[i]).as("alpha at %d", i).isEqualTo(expected.pixels()[i] & 0xFF);
        }
        // transparent pixels keep their colour instead of being blackened before enhancement
        assertThat(out.getRGB(2, 2) & 0xFFFFFF).isNotZero();
    }

    @Test
    void shouldAccept16BitPngsAndProcessThemAt8Bits(@TempDir Path dir) throws IOException {
        BufferedImage deep = sixteenBit(24, 16, false);
        BufferedImage out = enhance(dir, "sr-x2", deep, 512);

        assertThat(out.getColorModel().getComponentSize(0)).isEqualTo(8);
        assertThat(new int[] {out.getWidth(), out.getHeight()}).containsExactly(48, 32);
        // the 16-bit sample 0x8080 + x * 0x0400 is 128 + 4x at 8 bits; the near-identity model keeps it
        int centre = out.getRaster().getSample(2 * 12, 2 * 8, 0);
        assertThat(centre).isBetween(128 + 4 * 12 - 6, 128 + 4 * 12 + 6);
    }

    @Test
    void shouldKeepA16BitAlphaChannel(@TempDir Path dir) throws IOException {
        BufferedImage out = enhance(dir, "sr-x2", sixteenBit(16, 16, true), 512);

        assertThat(out.getColorModel().hasAlpha()).isTrue();
        assertThat(out.getAlphaRaster().getSample(16, 16, 0)).isBetween(100, 156);
    }

    @Test
    void shouldKeepGrayInputGrayForSuperResolution(@TempDir Path dir) throws IOException {
        BufferedImage gray = new BufferedImage(20, 14, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 14; y++) {
            for (int x = 0; x < 20; x++) {
                gray.getRaster().setSample(x, y, 0, 30 + 10 * x);
            }
        }
        BufferedImage out = enhance(dir, "sr-x2", gray, 512);

        assertThat(out.getColorModel().getNumColorComponents()).isEqualTo(1);
        assertThat(new int[] {out.getWidth(), out.getHeight()}).containsExactly(40, 28);
    }

    @Test
    void shouldTileAFrameLargerThanATileAndStillDoubleIt(@TempDir Path dir) throws IOException {
        BufferedImage wide = new BufferedImage(200, 72, BufferedImage.TYPE_3BYTE_BGR);
        for (int x = 0; x < 200; x++) {
            for (int y = 0; y < 72; y++) {
                wide.setRGB(x, y, (x & 0xFF) << 16 | (y * 3) << 8 | 128);
            }
        }
        BufferedImage tiled = enhance(dir, "sr-x2", wide, 64);
        BufferedImage whole = enhance(dir.resolve("whole"), "sr-x2", wide, 512);

        assertThat(new int[] {tiled.getWidth(), tiled.getHeight()}).containsExactly(400, 144);
        int worst = 0;
        for (int y = 0; y < 144; y++) {
            for (int x = 0; x < 400; x++) {
                int a = tiled.getRGB(x, y);
                int b = whole.getRGB(x, y);
                for (int shift = 0; shift < 24; shift += 8) {
                    worst = Math.max(worst, Math.abs((a >> shift & 0xFF) - (b >> shift & 0xFF)));
                }
            }
        }
        assertThat(worst).isLessThanOrEqualTo(1);
    }

    private static BufferedImage enhance(Path dir, String task, BufferedImage input, int tileSize) throws IOException {
        Files.createDirectories(dir);
        Path in = dir.resolve("in.png");
        Path out = dir.resolve("out.png");
        assertThat(ImageIO.write(input, "png", in.toFile())).isTrue();
        int exit = Main.commandLine().execute("enhance", "--task", task, "--models", models.toString(),
                "--set", "tile.size=" + tileSize, "--set", "tile.overlap=16", in.toString(), out.toString());
        assertThat(exit).isZero();
        return ImageIO.read(out.toFile());
    }

    /** A 16-bit-per-sample RGB (or RGBA, alpha = 0x8000) image: 0x8080 + x * 0x0400 in every colour. */
    private static BufferedImage sixteenBit(int w, int h, boolean alpha) {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), alpha, false,
                alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(w, h);
        int bands = alpha ? 4 : 3;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int b = 0; b < 3; b++) {
                    raster.setSample(x, y, b, 0x8080 + x * 0x0400);
                }
                if (bands == 4) {
                    raster.setSample(x, y, 3, 0x8000);
                }
            }
        }
        return new BufferedImage(model, raster, false, null);
    }
}
