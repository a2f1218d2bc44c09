package dev.framelift.enhancer.image;

import dev.framelift.enhancer.testing.TestPayloads;
import dev.framelift.model.Image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.framelift.enhancer.reject.FrameRejectedException;
import dev.framelift.model.testing.TestImages;
import dev.framelift.schema.Encoding;

class ImageCodecTest {
    private final ImageCodec codec = new ImageCodec(ImageLimits.defaults());

    @Test
    void shouldRoundTripRgbPngLosslessly() throws Exception {
        Image image = TestImages.gradient(37, 23, 3, 1);
        byte[] png = codec.encode(image, Encoding.PNG);

        Image decoded = codec.decode(Encoding.PNG, png, 0, 0);

        assertThat(decoded.channels()).isEqualTo(3);
        assertThat(decoded.pixels()).isEqualTo(image.pixels());
    }

    @Test
    void shouldWritePngsThatAnotherDecoderReads() throws IOException {
        Image image = TestImages.noise(19, 11, 3, 5);
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(codec.encode(image, Encoding.PNG)));

        assertThat(read.getWidth()).isEqualTo(19);
        byte[] p = image.pixels();
        for (int y = 0; y < 11; y++) {
            for (int x = 0; x < 19; x++) {
                int i = (y * 19 + x) * 3;
                int expected = ((p[i] & 0xff) << 16) | ((p[i + 1] & 0xff) << 8) | (p[i + 2] & 0xff);
                assertThat(read.getRGB(x, y) & 0xffffff).isEqualTo(expected);
            }
        }
    }

    @Test
    void shouldRoundTripGrayPngAsOneChannel() throws Exception {
        Image gray = TestImages.gradient(30, 20, 1, 3);
        byte[] png = codec.encode(gray, Encoding.PNG);

        assertThat(ImageIO.read(new ByteArrayInputStream(png)).getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        Image decoded = codec.decode(Encoding.PNG, png, 0, 0);
        assertThat(decoded.channels()).isEqualTo(1);
        assertThat(decoded.pixels()).isEqualTo(gray.pixels());
    }

    @ParameterizedTest(name = "BufferedImage type {0} -> {1} channel(s)")
    @CsvSource({"5, 3", // TYPE_3BYTE_BGR
            "1, 3", // TYPE_INT_RGB
            "6, 3", // TYPE_4BYTE_ABGR (opaque)
            "10, 1", // TYPE_BYTE_GRAY
            "11, 1", // TYPE_USHORT_GRAY (16-bit)
            "12, 1"}) // TYPE_BYTE_BINARY (1-bit gray)
    void shouldDecodePngsOfEveryLayoutImageIoWrites(int type, int channels) throws Exception {
        BufferedImage source = TestPayloads.gradient(type, 24, 16);
        Image decoded = codec.decode(Encoding.PNG, TestPayloads.write(source, "png"), 0, 0);

        assertThat(decoded.channels()).isEqualTo(channels);
        assertThat(decoded.width()).isEqualTo(24);
        assertThat(decoded.height()).isEqualTo(16);
        byte[] p = decoded.pixels();
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 24; x++) {
                int i = (y * 24 + x) * channels;
                if (channels == 3) {
                    int rgb = source.getRGB(x, y);
                    assertThat(new int[] {p[i] & 0xff, p[i + 1] & 0xff, p[i + 2] & 0xff})
                            .containsExactly((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
                } else {
                    int bits = source.getSampleModel().getSampleSize(0);
                    int max = (1 << bits) - 1;
                    int expected = (source.getRaster().getSample(x, y, 0) * 255 + max / 2) / max;
                    assertThat(p[i] & 0xff).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void shouldDecodeAPalettePngAsRgb() throws Exception {
        BufferedImage source = TestPayloads.paletted(20, 10);
        Image decoded = codec.decode(Encoding.PNG, TestPayloads.write(source, "png"), 0, 0);

        assertThat(decoded.channels()).isEqualTo(3);
        int rgb = source.getRGB(7, 3);
        int i = (3 * 20 + 7) * 3;
        assertThat(decoded.pixels()[i] & 0xff).isEqualTo((rgb >> 16) & 0xff);
        assertThat(decoded.pixels()[i + 2] & 0xff).isEqualTo(rgb & 0xff);
    }

    @Test
    void shouldCompositeAlphaOntoBlack() throws Exception {
        BufferedImage source = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        source.setRGB(0, 0, 0x80ffffff); // white, alpha 128
        source.setRGB(1, 0, 0x00ff0000); // transparent red
        Image decoded = codec.decode(Encoding.PNG, TestPayloads.write(source, "png"), 0, 0);

        assertThat(decoded.channels()).isEqualTo(3);
        assertThat(decoded.pixels()).containsExactly(128, 128, 128, 0, 0, 0);
    }

    @Test
    void shouldRoundTripJpegCloseToTheOriginal() throws Exception {
        Image image = TestImages.gradient(64, 48, 3, 2);
        byte[] jpeg = codec.encode(image, Encoding.JPEG);
        assertThat(jpeg).startsWith(0xff, 0xd8, 0xff);

        Image decoded = codec.decode(Encoding.JPEG, jpeg, 0, 0);

        assertThat(decoded.width()).isEqualTo(64);
        assertThat(decoded.channels()).isEqualTo(3);
        assertThat(TestImages.meanAbsDiff(image, decoded)).isLessThan(4.0);
    }

    @Test
    void shouldKeepGrayJpegsGray() throws Exception {
        Image gray = TestImages.gradient(40, 30, 1, 4);
        byte[] jpeg = codec.encode(gray, Encoding.JPEG);

        Image decoded = codec.decode(Encoding.JPEG, jpeg, 0, 0);

        assertThat(decoded.channels()).isEqualTo(1);
        assertThat(TestImages.meanAbsDiff(gray, decoded)).isLessThan(3.0);
    }

    @Test
    void shouldDecodeJpegBytesLabelledPngByTheirMagic() throws Exception {
        Image image = TestImages.gradient(16, 16, 3, 0);
        Image decoded = codec.decode(Encoding.PNG, codec.encode(image, Encoding.JPEG), 0, 0);
        assertThat(decoded.width()).isEqualTo(16);
        Image png = codec.decode(Encoding.JPEG, codec.encode(image, Encoding.PNG), 0, 0);
        assertThat(png.pixels()).isEqualTo(image.pixels());
    }

    @Test
    void shouldRoundTripRawFrames() throws Exception {
        Image rgb = TestImages.gradient(5, 4, 3, 0);
        Image gray = TestImages.gradient(5, 4, 1, 0);

        assertThat(codec.decode(Encoding.RGB8, codec.encode(rgb, Encoding.RGB8), 5, 4).pixels()).isEqualTo(rgb.pixels());
        assertThat(codec.decode(Encoding.GRAY8, codec.encode(gray, Encoding.GRAY8), 5, 4).pixels())
                .isEqualTo(gray.pixels());
        assertThatThrownBy(() -> codec.encode(gray, Encoding.RGB8)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldNotShareTheRawPayloadArray() throws Exception {
        byte[] payload = {1, 2, 3, 4};
        Image image = codec.decode(Encoding.GRAY8, payload, 2, 2);
        payload[0] = 99;
        assertThat(image.pixels()[0]).isEqualTo((byte) 1);
    }

    @Test
    void shouldTurnRgbIntoBt601Luma() {
        Image rgb = new Image(5, 1, 3, bytes(255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255, 10, 20, 30));
        Image luma = ImageCodec.toChannels(rgb, 1);
        // 0.299 R + 0.587 G + 0.114 B, rounded
        assertThat(luma.pixels()).containsExactly(76, 150, 29, 255, 18);
    }

    @Test
    void shouldReplicateGrayIntoRgbAndKeepTheSameCountAsIs() {
        Image gray = new Image(2, 1, 1, bytes(7, 200));
        assertThat(ImageCodec.toChannels(gray, 3).pixels()).containsExactly(7, 7, 7, 200, 200, 200);
        assertThat(ImageCodec.toChannels(gray, 1)).isSameAs(gray);
    }

    @Test
    void shouldRejectTheWrongChannelCountForRawEncodingAndConversion() {
        assertThatThrownBy(() -> ImageCodec.toChannels(new Image(1, 1, 1, new byte[1]), 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static FrameRejectedException rejected(ImageCodec codec, Encoding encoding, byte[] payload, int w, int h) {
        try {
            codec.decode(encoding, payload, w, h);
        } catch (FrameRejectedException e) {
            return e;
        }
        throw new AssertionError("expected a rejection");
    }
}
