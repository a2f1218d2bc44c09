package dev.framelift.enhancer.image;

import dev.framelift.enhancer.testing.TestPayloads;

import static dev.framelift.enhancer.image.ImageCodecTest.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.framelift.enhancer.reject.FrameRejectedException;
import dev.framelift.model.testing.TestImages;
import dev.framelift.schema.Encoding;
import dev.framelift.schema.RejectReason;

class ImageCodecRejectionTest {
    private final ImageCodec codec = new ImageCodec(ImageLimits.defaults());
    private final byte[] png = codec.encode(TestImages.gradient(64, 48, 3, 0), Encoding.PNG);
    private final byte[] jpeg = codec.encode(TestImages.gradient(64, 48, 3, 0), Encoding.JPEG);

    @Test
    void shouldRejectNullAndZeroBytePayloadsAsEmpty() {
        for (Encoding encoding : Encoding.values()) {
            assertThat(rejected(codec, encoding, null, 1, 1).reason()).isEqualTo(RejectReason.EMPTY_PAYLOAD);
            assertThat(rejected(codec, encoding, new byte[0], 1, 1).reason()).isEqualTo(RejectReason.EMPTY_PAYLOAD);
        }
    }

    @Test
    void shouldRejectPayloadsOverTheByteLimitAsFrameTooLarge() {
        ImageCodec small = new ImageCodec(new ImageLimits(png.length - 1, 8192, 16_777_216));
        assertThat(rejected(small, Encoding.PNG, png, 0, 0).reason()).isEqualTo(RejectReason.FRAME_TOO_LARGE);
        assertThat(rejected(small, Encoding.RGB8, new byte[png.length], 1, png.length / 3).reason())
                .isEqualTo(RejectReason.FRAME_TOO_LARGE);
    }

    @Test
    void shouldRejectAPngWithABrokenSignatureAsCorrupt() {
        byte[] bad = png.clone();
        bad[1] = 'X';
        FrameRejectedException e = rejected(codec, Encoding.PNG, bad, 0, 0);
        assertThat(e.reason()).isEqualTo(RejectReason.CORRUPT_IMAGE);
        assertThat(e).hasMessageContaining("signature");
    }

    @Test
    void shouldRejectBytesThatAreNoImageAsCorrupt() {
        byte[] text = "hello, this is not an image at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(rejected(codec, Encoding.PNG, text, 0, 0).reason()).isEqualTo(RejectReason.CORRUPT_IMAGE);
        assertThat(rejected(codec, Encoding.JPEG, text, 0, 0).reason()).isEqualTo(RejectReason.CORRUPT_IMAGE);
    }

    @Test
    void shouldRejectTruncatedPng() {
        for (int length : new int[] {20, 40, png.length / 2, png.length - 12, png.length - 1}) {
            FrameRejectedException e = rejected(codec, Encoding.PNG, Arrays.copyOf(png, length), 0, 0);
            assertThat(e.reason()).as("cut at %d of %d", length, png.length).isEqualTo(RejectReason.CORRUPT_IMAGE);
        }
    }

    @Test
    void shouldRejectAPngWhoseDataFailsItsCrc() {
        byte[] bad = png.clone();
        bad[bad.length / 2] ^= 0x55;
        FrameRejectedException e = rejected(codec, Encoding.PNG, bad, 0, 0);
        assertThat(e.reason()).isEqualTo(RejectReason.CORRUPT_IMAGE);
        assertThat(e).hasMessageContaining("CRC");
    }

    @Test
    void shouldRejectAPngWhoseCompressedDataIsGarbageDespiteValidChunks() {
        // valid signature, IHDR, CRCs and IEND; the IDAT holds 64 zero bytes for a 300x300 image
        byte[] starved = TestPayloads.pngWithHeader(300, 300, 8, 2);
        assertThat(rejected(codec, Encoding.PNG, starved, 0, 0).reason()).isEqualTo(RejectReason.CORRUPT_IMAGE);
    }

    @Test
    void shouldRejectTruncatedJpeg() {
        for (int length : new int[] {3, 100, jpeg.length * 6 / 10, jpeg.length - 2, jpeg.length - 1}) {
            FrameRejectedException e = rejected(codec, Encoding.JPEG, Arrays.copyOf(jpeg, length), 0, 0);
            assertThat(e.reason()).as("cut at %d of %d", length, jpeg.length).isEqualTo(RejectReason.CORRUPT_IMAGE);
        }
    }

    @Test
    void shouldAcceptBytesAfterTheJpegEndMarker() throws FrameRejectedException {
        byte[] trailing = Arrays.copyOf(jpeg, jpeg.length + 5);
        assertThat(codec.decode(Encoding.JPEG, trailing, 0, 0).width()).isEqualTo(64);
    }

    @Test
    void shouldRejectOtherImageFormatsAsUnsupported() {
        BufferedImage image = TestPayloads.gradient(BufferedImage.TYPE_3BYTE_BGR, 8, 8);
        for (String format : new String[] {"gif", "bmp"}) {
            FrameRejectedException e = rejected(codec, Encoding.PNG, TestPayloads.write(image, format), 0, 0);
            assertThat(e.reason()).as(format).isEqualTo(RejectReason.UNSUPPORTED_FORMAT);
        }
    }

    @Test
    void shouldRejectACmykJpegAsWrongChannels() {
        FrameRejectedException e = rejected(codec, Encoding.JPEG, TestPayloads.cmykJpeg(16, 16), 0, 0);
        assertThat(e.reason()).isEqualTo(RejectReason.WRONG_CHANNELS);
        assertThat(e).hasMessageContaining("4 components");
    }

    @Test
    void shouldRefuseAPngHeaderClaimingHugeDimensionsWithoutAllocatingPixels() {
        byte[] bomb = TestPayloads.pngWithHeader(100_000, 100_000, 8, 2);
        rejected(codec, Encoding.PNG, bomb, 0, 0); // warm up class loading

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        FrameRejectedException e = rejected(codec, Encoding.PNG, bomb, 0, 0);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(e.reason()).isEqualTo(RejectReason.DIMENSIONS_TOO_LARGE);
        assertThat(e).hasMessageContaining("100000x100000");
        assertThat(allocated).as("bytes allocated while refusing").isLessThan(64 * 1024);
    }

    @Test
    void shouldRefuseTooManyPixelsEvenWhenEachSideFits() {
        byte[] wide = TestPayloads.pngWithHeader(8000, 8000, 8, 0);
        assertThat(rejected(codec, Encoding.PNG, wide, 0, 0).reason()).isEqualTo(RejectReason.DIMENSIONS_TOO_LARGE);
    }

    @Test
    void shouldRefuseAJpegHeaderClaimingHugeDimensions() {
        for (int[] size : new int[][] {{60_000, 60_000}, {5000, 5000}, {9000, 10}}) {
            byte[] huge = TestPayloads.withJpegDimensions(jpeg, size[0], size[1]);
            assertThat(rejected(codec, Encoding.JPEG, huge, 0, 0).reason()).as("%dx%d", size[0], size[1])
                    .isEqualTo(RejectReason.DIMENSIONS_TOO_LARGE);
        }
    }

    @Test
    void shouldRejectRawFramesWithoutPositiveDimensions() {
        for (int[] size : new int[][] {{0, 4}, {4, 0}, {-2, -2}}) {
            assertThat(rejected(codec, Encoding.GRAY8, new byte[16], size[0], size[1]).reason())
                    .isEqualTo(RejectReason.INVALID_DIMENSIONS);
        }
    }

    @Test
    void shouldRejectRawFramesWhoseLengthDisagreesWithTheirDimensions() {
        FrameRejectedException e = rejected(codec, Encoding.RGB8, new byte[4 * 4 * 3 - 1], 4, 4);
        assertThat(e.reason()).isEqualTo(RejectReason.RAW_SIZE_MISMATCH);
        assertThat(e).hasMessageContaining("48");
        assertThat(rejected(codec, Encoding.GRAY8, new byte[4 * 4 * 3], 4, 4).reason())
                .isEqualTo(RejectReason.RAW_SIZE_MISMATCH);
    }

    @Test
    void shouldRejectRawFramesBeyondTheDimensionLimits() {
        assertThat(rejected(codec, Encoding.GRAY8, new byte[9000], 9000, 1).reason())
                .isEqualTo(RejectReason.DIMENSIONS_TOO_LARGE);
    }
}
