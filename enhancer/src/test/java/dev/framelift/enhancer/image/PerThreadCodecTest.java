package dev.framelift.enhancer.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.framelift.enhancer.reject.FrameRejectedException;
import dev.framelift.model.Image;
import dev.framelift.model.testing.TestImages;
import dev.framelift.schema.Encoding;
import dev.framelift.schema.RejectReason;

/** The encoders and the JPEG decoder keep their scratch per thread: reuse must never leak one frame into the next. */
class PerThreadCodecTest {
    private final ImageCodec codec = new ImageCodec(ImageLimits.defaults());

    @Test
    void shouldEncodeTheSameBytesFromManyThreadsAsFromOne() throws Exception {
        List<Image> images = List.of(TestImages.gradient(64, 48, 3, 1), TestImages.noise(33, 17, 3, 2),
                TestImages.gradient(120, 80, 1, 3), TestImages.noise(7, 5, 1, 4));
        List<byte[]> expectedPng = new ArrayList<>();
        List<byte[]> expectedJpeg = new ArrayList<>();
        for (Image image : images) {
            expectedPng.add(codec.encode(image, Encoding.PNG));
            expectedJpeg.add(codec.encode(image, Encoding.JPEG));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                results.add(pool.submit((Callable<Boolean>) () -> {
                    for (int i = 0; i < 40; i++) {
                        int k = (i + offset) % images.size();
                        if (!Arrays.equals(codec.encode(images.get(k), Encoding.PNG), expectedPng.get(k))
                                || !Arrays.equals(codec.encode(images.get(k), Encoding.JPEG), expectedJpeg.get(k))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldRoundTripAPngLargerThanTheKeptBufferAfterASmallOne() throws Exception {
        Image small = TestImages.noise(9, 9, 3, 1);
        Image large = TestImages.noise(700, 500, 3, 2); // noise does not compress: over 1 MB of IDAT

        for (Image image : List.of(small, large, small)) {
            Image decoded = codec.decode(Encoding.PNG, codec.encode(image, Encoding.PNG), 0, 0);
            assertThat(decoded.pixels()).isEqualTo(image.pixels());
        }
    }

    @Test
    void shouldDecodeAJpegOnAThreadWhoseLastJpegWasCorrupt() throws Exception {
        Image image = TestImages.gradient(64, 48, 3, 1);
        byte[] jpeg = codec.encode(image, Encoding.JPEG);
        byte[] damaged = jpeg.clone();
        for (int i = damaged.length / 2; i < damaged.length - 2; i++) {
            damaged[i] = (byte) 0xFF;
        }

        try {
            codec.decode(Encoding.JPEG, damaged, 0, 0);
        } catch (FrameRejectedException expected) {
            assertThat(expected.reason()).isEqualTo(RejectReason.CORRUPT_IMAGE);
        }
        Image decoded = codec.decode(Encoding.JPEG, jpeg, 0, 0);

        assertThat(TestImages.meanAbsDiff(decoded, image)).isLessThan(3);
    }

    @Test
    void shouldNotLetTheNextJpegOfTheSameSizeChangeADecodedFrame() throws Exception {
        Image first = TestImages.gradient(64, 48, 3, 1);
        Image second = TestImages.noise(64, 48, 3, 2);
        byte[] firstJpeg = codec.encode(first, Encoding.JPEG);

        Image decodedFirst = codec.decode(Encoding.JPEG, firstJpeg, 0, 0);
        byte[] before = decodedFirst.pixels().clone();
        Image decodedSecond = codec.decode(Encoding.JPEG, codec.encode(second, Encoding.JPEG), 0, 0);

        assertThat(decodedFirst.pixels()).isEqualTo(before);
        assertThat(TestImages.meanAbsDiff(decodedSecond, second)).isLessThan(TestImages.meanAbsDiff(decodedSecond, first));
        assertThat(codec.decode(Encoding.JPEG, firstJpeg, 0, 0).pixels()).isEqualTo(before);
    }

    @Test
    void shouldWriteRgb8OfAGrayFrameAsThreeEqualChannels() {
        Image gray = TestImages.gradient(5, 4, 1, 1);

        byte[] raw = codec.encode(new DecodedImage(gray, null), Encoding.RGB8);

        assertThat(raw).hasSize(5 * 4 * 3);
        for (int i = 0; i < 20; i++) {
            assertThat(new byte[] {raw[3 * i], raw[3 * i + 1], raw[3 * i + 2]})
                    .containsOnly(gray.pixels()[i]);
        }
        assertThatThrownBy(() -> codec.encode(gray, Encoding.RGB8)).isInstanceOf(IllegalArgumentException.class);
    }
}
