package dev.framelift.enhancer.image;

import java.util.zip.CRC32;

import dev.framelift.enhancer.reject.FrameRejectedException;
import dev.framelift.schema.RejectReason;

/**
 * Checks a PNG's structure without decoding it: the signature, the {@code IHDR} header (so
 * absurd dimensions are refused before anything is allocated), then every chunk's length and
 * CRC up to {@code IEND}, noting the EXIF orientation of an {@code eXIf} chunk. A PNG that passes
 * is complete and uncorrupted at the chunk level, so the decoder never fills in a truncated frame.
 */
final class PngStructure {
    private static final int IHDR = chunkType("IHDR");
    private static final int IDAT = chunkType("IDAT");
    private static final int IEND = chunkType("IEND");
    private static final int EXIF = chunkType("eXIf");

    private PngStructure() {
    }

    /** @return the header of a structurally sound PNG within the limits */
    static HeaderInfo check(byte[] png, ImageLimits limits) throws FrameRejectedException {
        final int sigLength = ContainerFormat.PNG_SIGNATURE.length;
        // signature + IHDR chunk (length, type, 13 bytes, CRC)
        if (png.length < sigLength + 8 + 13 + 4) {
            throw corrupt("PNG truncated inside its header (" + png.length + " bytes)");
        }
        final int pos = sigLength;
        if (readInt(png, pos) != 13 || readInt(png, pos + 4) != IHDR) {
            throw corrupt("PNG does not start with a 13-byte IHDR chunk");
        }
        checkCrc(png, pos, 13);
        final long width = readInt(png, pos + 8) & 0xffffffffL;
        final long height = readInt(png, pos + 12) & 0xffffffffL;
        final int bitDepth = png[pos + 16] & 0xff;
        final int colourType = png[pos + 17] & 0xff;
        if (width == 0 || height == 0) {
            throw corrupt("PNG header says " + width + "x" + height);
        }
        if (!limits.allows(width, height)) {
            throw new FrameRejectedException(RejectReason.DIMENSIONS_TOO_LARGE, "PNG of " + width + "x" + height
                    + " exceeds the limits (" + limits.maxSide() + " px per side, " + limits.maxPixels() + " pixels)");
        }
        final int channels = switch (colourType) {
            case 0, 4 -> 1;
            case 2, 3, 6 -> 3;
            default -> throw corrupt("PNG colour type " + colourType + " does not exist");
        };
        if (!validDepth(colourType, bitDepth)) {
            throw corrupt("PNG bit depth " + bitDepth + " is invalid for colour type " + colourType);
        }
        final int orientation = walkChunks(png, pos + 8 + 13 + 4);
        return new HeaderInfo(ContainerFormat.PNG, (int) width, (int) height, channels, orientation);
    }

    /** @return the EXIF orientation of an {@code eXIf} chunk, 1 without one */
    private static int walkChunks(byte[] png, int pos) throws FrameRejectedException {
        boolean sawData = false;
        int orientation = Orientation.UPRIGHT;
        while (true) {
            if (pos + 8 > png.length) {
                throw corrupt("PNG truncated: no IEND chunk");
            }
            final long length = readInt(png, pos) & 0xffffffffL;
            final int type = readInt(png, pos + 4);
            if (length > png.length - pos - 12L) {
                throw corrupt("PNG truncated: chunk " + typeName(type) + " of " + length + " bytes runs past the end");
            }
            checkCrc(png, pos, (int) length);
            if (type == IDAT) {
                sawData = true;
            } else if (type == EXIF && !sawData) {
                orientation = Orientation.fromTiff(png, pos + 8, (int) length);
            } else if (type == IEND) {
                if (!sawData) {
                    throw corrupt("PNG has no IDAT chunk");
                }
                return orientation; // bytes after IEND are ignored, as every decoder does
            }
            pos += 12 + (int) length;
        }
    }

    private static void checkCrc(byte[] png, int chunkStart, int length) throws FrameRejectedException {
        final CRC32 crc = new CRC32();
        crc.update(png, chunkStart + 4, 4 + length);
        final int stored = readInt(png, chunkStart + 8 + length);
        if ((int) crc.getValue() != stored) {
            throw corrupt("PNG chunk " + typeName(readInt(png, chunkStart + 4)) + " fails its CRC");
        }
    }

    private static boolean validDepth(int colourType, int depth) {
        return switch (colourType) {
            case 0 -> depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
            case 3 -> depth == 1 || depth == 2 || depth == 4 || depth == 8;
            default -> depth == 8 || depth == 16;
        };
    }

    static int readInt(byte[] b, int pos) {
        return ((b[pos] & 0xff) << 24) | ((b[pos + 1] & 0xff) << 16) | ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
    }

    static int chunkType(String name) {
        return (name.charAt(0) << 24) | (name.charAt(1) << 16) | (name.charAt(2) << 8) | name.charAt(3);
    }

    private static String typeName(int type) {
        final StringBuilder sb = new StringBuilder(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            final int c = (type >>> shift) & 0xff;
            sb.append(c >= 32 && c < 127 ? (char) c : '?');
        }
        return sb.toString();
    }

    private static FrameRejectedException corrupt(String message) {
        return new FrameRejectedException(RejectReason.CORRUPT_IMAGE, message);
    }
}
