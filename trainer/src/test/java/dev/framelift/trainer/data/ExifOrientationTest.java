package dev.framelift.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExifOrientationTest {
    /** SOI, an APP1 Exif segment with a one-entry IFD0 holding the orientation, then SOS. */
    static byte[] jpegWithOrientation(int orientation, boolean bigEndian) {
        byte[] tiff = bigEndian
                ? new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, 0, 0, 0, 0}
                : new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte) orientation, 0, 0, 0, 0, 0, 0, 0};
        int len = 2 + 6 + tiff.length;
        byte[] out = new byte[2 + 2 + len + 2];
        int p = 0;
        out[p++] = (byte) 0xFF;
        out[p++] = (byte) 0xD8;
        out[p++] = (byte) 0xFF;
        out[p++] = (byte) 0xE1;
        out[p++] = (byte) (len >> 8);
        out[p++] = (byte) len;
        for (byte b : new byte[] {'E', 'x', 'i', 'f', 0, 0}) {
            out[p++] = b;
        }
        System.arraycopy(tiff, 0, out, p, tiff.length);
        p += tiff.length;
        out[p++] = (byte) 0xFF;
        out[p] = (byte) 0xDA;
        return out;
    }

    @Test
    void shouldReadTheOrientationInBothByteOrders() {
        assertThat(ExifOrientation.read(jpegWithOrientation(6, true))).isEqualTo(6);
        assertThat(ExifOrientation.read(jpegWithOrientation(8, false))).isEqualTo(8);
    }

    @Test
    void shouldTreatMissingOrCorruptExifAsUpright() {
        assertThat(ExifOrientation.read(new byte[] {(byte) 0x89, 'P', 'N', 'G'})).isEqualTo(1);
        byte[] truncated = java.util.Arrays.copyOf(jpegWithOrientation(6, true), 14);
        assertThat(ExifOrientation.read(truncated)).isEqualTo(1);
    }

    @Test
    void shouldTurnAnOrientationSixPhotoUpright() {
        // stored 3 wide x 2 high; orientation 6 means the camera was turned: display is 2 wide x 3 high
        byte[] px = new byte[3 * 2 * 3];
        for (int i = 0; i < 6; i++) {
            px[i * 3] = (byte) i; // pixel ids 0..5 in the red channel, row-major
        }
        RgbImage upright = new RgbImage(3, 2, px).dihedral(ExifOrientation.dihedralCode(6));
        assertThat(upright.width()).isEqualTo(2);
        assertThat(upright.height()).isEqualTo(3);
        // rotating 90 clockwise: the bottom-left stored pixel (id 3) lands top-left
        assertThat(upright.pixels()[0]).isEqualTo((byte) 3);
        assertThat(upright.pixels()[3]).isEqualTo((byte) 0);
    }
}
