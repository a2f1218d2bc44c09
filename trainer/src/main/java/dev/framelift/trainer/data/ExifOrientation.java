package dev.framelift.trainer.data;

/**
 * Reads the EXIF orientation tag (0x0112) of a JPEG and maps it to the transform that makes the
 * photo upright. Only the APP1 "Exif" segment and IFD0 are parsed; anything malformed yields
 * orientation 1 (as stored).
 */
public final class ExifOrientation {
    private ExifOrientation() {
    }

    /** The orientation value 1..8 of a JPEG's EXIF data, or 1 when absent or unreadable. */
    public static int read(byte[] file) {
        try {
            return parse(file);
        } catch (RuntimeException e) {
            return 1;
        }
    }

    private static int parse(byte[] b) {
        if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xFF) != 0xD8) {
            return 1;
        }
        int p = 2;
        while (p + 4 <= b.length) {
            if ((b[p] & 0xFF) != 0xFF) {
                return 1;
            }
            final int marker = b[p + 1] & 0xFF;
            if (marker == 0xD9 || marker == 0xDA) {
                return 1; // end of image or start of scan: no EXIF before the pixels
            }
            final int len = u16(b, p + 2, true);
            if (marker == 0xE1 && len >= 16 && b[p + 4] == 'E' && b[p + 5] == 'x' && b[p + 6] == 'i' && b[p + 7] == 'f') {
                final int tiff = p + 10;
                final boolean big = b[tiff] == 'M';
                final int ifd = tiff + (int) u32(b, tiff + 4, big);
                final int entries = u16(b, ifd, big);
                for (int i = 0; i < entries; i++) {
                    final int e = ifd + 2 + i * 12;
                    if (u16(b, e, big) == 0x0112) {
                        final int v = u16(b, e + 8, big);
                        return v >= 1 && v <= 8 ? v : 1;
                    }
                }
                return 1;
            }
            p += 2 + len;
        }
        return 1;
    }

    /**
     * The {@link RgbImage#dihedral(int)} code that turns a stored image with this EXIF
     * orientation upright.
     */
    public static int dihedralCode(int orientation) {
        return switch (orientation) {
            case 2 -> 4;      // mirrored
            case 3 -> 2;      // rotated 180
            case 4 -> 2 | 4;  // mirrored vertically = 180 + mirror
            case 5 -> 1 | 4;  // transposed
            case 6 -> 1;      // needs 90 clockwise
            case 7 -> 3 | 4;  // transverse
            case 8 -> 3;      // needs 90 counter-clockwise
            default -> 0;
        };
    }

    private static int u16(byte[] b, int i, boolean big) {
        final int a = b[i] & 0xFF;
        final int c = b[i + 1] & 0xFF;
        return big ? a << 8 | c : c << 8 | a;
    }

    private static long u32(byte[] b, int i, boolean big) {
        final long hi = u16(b, big ? i : i + 2, big);
        final long lo = u16(b, big ? i + 2 : i, big);
        return hi << 16 | lo;
    }
}
