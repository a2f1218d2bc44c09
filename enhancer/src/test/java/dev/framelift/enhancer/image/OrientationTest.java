package dev.framelift.enhancer.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.framelift.enhancer.reject.FrameRejectedException;
import dev.framelift.enhancer.testing.TestPayloads;
import dev.framelift.model.Image;
import dev.framelift.schema.Encoding;
import dev.framelift.schema.RejectReason;

/** EXIF orientation read from JPEG and PNG and applied; the scan limit of progressive JPEGs. */
class OrientationTest {
    private final ImageCodec codec = new ImageCodec(ImageLimits.defaults());

    /**
     * A 3x2 gray image with distinct pixels 1..6, row by row; for each orientation, the upright
     * picture as viewers show it (from the EXIF specification's description of rows and columns).
     */
    @ParameterizedTest(name = "orientation {0}")
    @CsvSource({"1, 3, 1 2 3 4 5 6", "2, 3, 3 2 1 6 5 4", "3, 3, 6 5 4 3 2 1", "4, 3, 4 5 6 1 2 3",
            "5, 2, 1 4 2 5 3 6", "6, 2, 4 1 5 2 6 3", "7, 2, 6 3 5 2 4 1", "8, 2, 3 6 2 5 1 4"})
    void shouldTurnEachOrientationUpright(int orientation, int uprightWidth, String upright) {
        Image stored = new Image(3, 2, 1, new byte[] {1, 2, 3, 4, 5, 6});

        Image turned = Orientation.upright(stored, orientation);

        assertThat(turned.width()).isEqualTo(uprightWidth);
        assertThat(turned.height()).isEqualTo(6 / uprightWidth);
        byte[] expected = new byte[6];
        String[] values = upright.split(" ");
        for (int i = 0; i < 6; i++) {
            expected[i] = Byte.parseByte(values[i]);
        }
        assertThat(turned.pixels()).containsExactly(expected);
    }

    @Test
    void shouldTurnAJpegTakenWithTheCameraOnItsSideUpright() throws Exception {
        // 64x32: left half dark, right half bright; stored with orientation 6 (turn 90 degrees clockwise)
        Image stored = halves(64, 32);
        byte[] jpeg = TestPayloads.withExifOrientation(codec.encode(stored, Encoding.JPEG), 6);

        Image decoded = codec.decode(Encoding.JPEG, jpeg, 0, 0);

        assertThat(decoded.width()).isEqualTo(32);
        assertThat(decoded.height()).isEqualTo(64);
        // the stored left (dark) half is now on top
        assertThat(decoded.pixels()[(8 * 32 + 16) * 3] & 0xff).isLessThan(60);
        assertThat(decoded.pixels()[(56 * 32 + 16) * 3] & 0xff).isGreaterThan(190);
    }

    @Test
    void shouldTurnAPngWithAnExifChunkUpright() throws Exception {
        byte[] rows = {1, 2, 3, 4, 5, 6};
        byte[] png = TestPayloads.pngOf(3, 2, 8, 0, rows, List.of(Map.entry("eXIf", TestPayloads.tiffWithOrientation(8))));

        Image decoded = codec.decode(Encoding.PNG, png, 0, 0);

        assertThat(decoded.width()).isEqualTo(2);
        assertThat(decoded.pixels()).containsExactly(3, 6, 2, 5, 1, 4);
    }

    @Test
    void shouldCheckTheUprightDimensions() {
        byte[] jpeg = TestPayloads.withExifOrientation(codec.encode(halves(64, 32), Encoding.JPEG), 8);
        int[] seen = new int[2];

        assertThatThrownBy(() -> codec.decode(Encoding.JPEG, jpeg, 0, 0, (w, h) -> {
            seen[0] = w;
            seen[1] = h;
            throw new FrameRejectedException(RejectReason.OUTPUT_TOO_LARGE, "refused");
        })).isInstanceOf(FrameRejectedException.class);
        assertThat(seen).containsExactly(32, 64);
    }

    @Test
    void shouldIgnoreAMalformedExifBlockRatherThanRejectTheFrame() throws Exception {
        byte[] broken = TestPayloads.tiffWithOrientation(6);
        broken[4] = (byte) 0xf0; // IFD offset far beyond the block
        byte[] png = TestPayloads.pngOf(3, 2, 8, 0, new byte[] {1, 2, 3, 4, 5, 6}, List.of(Map.entry("eXIf", broken)));

        assertThat(codec.decode(Encoding.PNG, png, 0, 0).width()).isEqualTo(3);
        assertThat(Orientation.fromTiff(new byte[] {'M', 'M', 0, 42}, 0, 4)).isEqualTo(1);
        assertThat(Orientation.fromTiff(TestPayloads.tiffWithOrientation(9), 0, 26)).isEqualTo(1);
    }

    @Test
    void shouldRefuseAJpegWithThousandsOfScansFromItsMarkers() {
        byte[] jpeg = codec.encode(halves(16, 16), Encoding.JPEG);
        byte[] many = dev.framelift.enhancer.corpus.CraftedImages.withRepeatedScan(jpeg, 5_000);

        assertThatThrownBy(() -> codec.decode(Encoding.JPEG, many, 0, 0))
                .isInstanceOf(FrameRejectedException.class)
                .satisfies(e -> assertThat(((FrameRejectedException) e).reason()).isEqualTo(RejectReason.UNSUPPORTED_FORMAT))
                .hasMessageContaining("more than 100 scans");
    }

    private static Image halves(int w, int h) {
        byte[] p = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                Arrays.fill(p, (y * w + x) * 3, (y * w + x) * 3 + 3, (byte) (x < w / 2 ? 20 : 230));
            }
        }
        return new Image(w, h, 3, p);
    }
}
