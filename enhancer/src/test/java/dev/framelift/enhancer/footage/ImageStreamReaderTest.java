package dev.framelift.enhancer.footage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.framelift.enhancer.testing.TestPayloads;

class ImageStreamReaderTest {
    @Test
    void shouldSplitConcatenatedPngsAndJpegsIntoTheOriginalFiles() throws Exception {
        byte[] png = TestPayloads.png(20, 10, false, 1);
        byte[] jpeg = TestPayloads.jpeg(33, 17, 2);
        byte[] gray = TestPayloads.png(8, 8, true, 3);
        ImageStreamReader reader = new ImageStreamReader(new ByteArrayInputStream(concat(png, jpeg, gray, jpeg)), 1 << 20);

        assertThat(reader.next()).isEqualTo(png);
        assertThat(reader.next()).isEqualTo(jpeg);
        assertThat(reader.next()).isEqualTo(gray);
        assertThat(reader.next()).isEqualTo(jpeg);
        assertThat(reader.next()).isNull();
    }

    @Test
    void shouldNotEndAJpegAtTheEndOfAnEmbeddedThumbnail() throws Exception {
        byte[] thumbnail = TestPayloads.jpeg(8, 8, 4);
        byte[] main = TestPayloads.jpeg(24, 16, 5);
        // an APP1 segment holding a whole JPEG (as EXIF thumbnails do), right after SOI
        ByteArrayOutputStream withThumbnail = new ByteArrayOutputStream();
        withThumbnail.write(main, 0, 2);
        withThumbnail.write(0xFF);
        withThumbnail.write(0xE1);
        int length = thumbnail.length + 2;
        withThumbnail.write(length >> 8);
        withThumbnail.write(length & 0xFF);
        withThumbnail.write(thumbnail);
        withThumbnail.write(main, 2, main.length - 2);
        byte[] file = withThumbnail.toByteArray();
        ImageStreamReader reader = new ImageStreamReader(new ByteArrayInputStream(concat(file, main)), 1 << 20);

        assertThat(reader.next()).isEqualTo(file);
        assertThat(reader.next()).isEqualTo(main);
    }

    @Test
    void shouldSayWhenTheStreamIsNotImagesOrEndsMidImage() {
        assertThatThrownBy(() -> new ImageStreamReader(new ByteArrayInputStream("hello".getBytes()), 1 << 20).next())
                .isInstanceOf(FootageException.class).hasMessageContaining("expected a PNG or JPEG");
        byte[] png = TestPayloads.png(20, 10, false, 1);
        assertThatThrownBy(() -> new ImageStreamReader(new ByteArrayInputStream(Arrays.copyOf(png, png.length - 5)),
                1 << 20).next()).isInstanceOf(FootageException.class).hasMessageContaining("ended in the middle");
    }

    @Test
    void shouldRefuseAnImageOverTheLimit() {
        byte[] png = TestPayloads.noisePng(64, 64, 1);
        assertThatThrownBy(() -> new ImageStreamReader(new ByteArrayInputStream(png), 1000).next())
                .isInstanceOf(FootageException.class).hasMessageContaining("over 1000 bytes");
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
