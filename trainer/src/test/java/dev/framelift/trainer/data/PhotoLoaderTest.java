package dev.framelift.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhotoLoaderTest {
    @TempDir
    Path dir;

    @Test
    void shouldLoadAWholeJpegAtItsSize() throws IOException {
        final Path file = write("whole.jpg", jpeg(new IIOImage(gradient(64, 48), null, null)));

        final RgbImage photo = PhotoLoader.load(file, 0);

        assertThat(photo.width()).isEqualTo(64);
        assertThat(photo.height()).isEqualTo(48);
    }

    @Test
    void shouldRefuseATruncatedJpegThatImageIoWouldFillWithGray() throws IOException {
        final byte[] whole = jpeg(new IIOImage(gradient(256, 192), null, null));
        final Path file = write("cut.jpg", Arrays.copyOf(whole, whole.length * 4 / 5));

        assertThatThrownBy(() -> PhotoLoader.load(file, 0))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("truncated")
                .hasMessageContaining("cut.jpg");
    }

    @Test
    void shouldRefuseAFourComponentJpeg() throws IOException {
        final WritableRaster cmyk = Raster.createInterleavedRaster(new DataBufferByte(16 * 16 * 4), 16, 16, 16 * 4, 4,
                new int[] {0, 1, 2, 3}, null);
        final Path file = write("cmyk.jpg", jpeg(new IIOImage(cmyk, null, null)));

        assertThatThrownBy(() -> PhotoLoader.load(file, 0))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("CMYK or YCCK");
    }

    @Test
    void shouldRefuseBytesThatAreNoImage() throws IOException {
        final Path file = write("noise.jpg", new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

        assertThatThrownBy(() -> PhotoLoader.load(file, 0))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a decodable image");
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static RenderedImage gradient(int w, int h) {
        final BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, (x * 4 & 0xFF) << 16 | (y * 5 & 0xFF) << 8 | (x * y & 0xFF));
            }
        }
        return image;
    }

    private static byte[] jpeg(IIOImage image) throws IOException {
        final ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, image, writer.getDefaultWriteParam());
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
