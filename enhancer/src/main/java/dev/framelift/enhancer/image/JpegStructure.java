package dev.framelift.enhancer.image;

import dev.framelift.enhancer.reject.FrameRejectedException;
import dev.framelift.schema.RejectReason;

/**
 * Checks a JPEG's marker structure without decoding it: {@code SOI}, the segments, the frame
 * header {@code SOFn} (dimensions, precision, component count: refused before anything is
 * allocated), every scan's entropy-coded data, and an {@code EOI} at the end. Java's JPEG
 * decoder fills a truncated scan with grey and says nothing; here a frame whose data stops
 * before {@code EOI} is refused.
 *
 * <p>Scans are counted: a progressive JPEG runs its whole image through the decoder once per
 * scan, so one with thousands of tiny scans costs thousands of decodes. More than
 * {@value #MAX_SCANS} (encoders write about 10) is refused from the markers, before decoding.
 * The orientation of an {@code APP1 "Exif"} segment is noted on the way.
 */
final class JpegStructure {
    /** Most scans a JPEG may have; encoders write 1 (baseline) or about 10 (progressive). */
    static final int MAX_SCANS = 100;
    private static final int SOI = 0xd8;
    private static final int EOI = 0xd9;
    private static final int SOS = 0xda;
    private static final int DNL = 0xdc;
    private static final int APP1 = 0xe1;
    private static final byte[] EXIF = {'E', 'x', 'i', 'f', 0, 0};

    private JpegStructure() {
    }

    /** @return the header of a structurally complete JPEG within the limits */
    static HeaderInfo check(byte[] jpeg, ImageLimits limits) throws FrameRejectedException {
        if (jpeg.length < 4 || (jpeg[0] & 0xff) != 0xff || (jpeg[1] & 0xff) != SOI) {
            throw corrupt("JPEG does not start with SOI");
        }
        HeaderInfo header = null;
        int orientation = Orientation.UPRIGHT;
        boolean sawExif = false;
        int scans = 0;
        int pos = 2;
        while (true) {
            // markers may be preceded by any number of 0xFF fill bytes
            if (pos >= jpeg.length || (jpeg[pos] & 0xff) != 0xff) {
                throw corrupt(pos >= jpeg.length ? "JPEG truncated: no EOI marker" : "JPEG marker expected at byte " + pos);
            }
            while (pos < jpeg.length && (jpeg[pos] & 0xff) == 0xff) {
                pos++;
            }
            if (pos >= jpeg.length) {
                throw corrupt("JPEG truncated: no EOI marker");
            }
            final int marker = jpeg[pos++] & 0xff;
            if (marker == EOI) {
                if (header == null) {
                    throw corrupt("JPEG has no frame header (SOFn)");
                }
                return new HeaderInfo(header.format(), header.width(), header.height(), header.channels(), orientation);
            }
            if (marker == SOI || (marker >= 0xd0 && marker <= 0xd7) || marker == 0x01) {
                continue; // standalone markers without a length
            }
            if (pos + 2 > jpeg.length) {
                throw corrupt("JPEG truncated in a segment header");
            }
            final int length = ((jpeg[pos] & 0xff) << 8) | (jpeg[pos + 1] & 0xff);
            if (length < 2 || pos + length > jpeg.length) {
                throw corrupt("JPEG truncated: segment 0x" + Integer.toHexString(marker) + " of " + length
                        + " bytes runs past the end");
            }
            if (isFrameHeader(marker)) {
                if (header != null) {
                    throw corrupt("JPEG has two frame headers");
                }
                header = frameHeader(jpeg, pos, length, marker, limits);
            } else if (marker == DNL) {
                throw unsupported("JPEG defines its height in a DNL marker");
            } else if (marker == APP1 && !sawExif && isExif(jpeg, pos + 2, length - 2)) {
                sawExif = true;
                orientation = Orientation.fromTiff(jpeg, pos + 2 + EXIF.length, length - 2 - EXIF.length);
            }
            pos += length;
            if (marker == SOS) {
                if (header == null) {
                    throw corrupt("JPEG scan before its frame header");
                }
                if (++scans > MAX_SCANS) {
                    throw unsupported("JPEG has more than " + MAX_SCANS + " scans (progressive encoders write about 10); "
                            + "each would decode the whole image again");
                }
                pos = skipEntropyCodedData(jpeg, pos);
            }
        }
    }

    private static boolean isExif(byte[] b, int pos, int length) {
        if (length < EXIF.length) {
            return false;
        }
        for (int i = 0; i < EXIF.length; i++) {
            if (b[pos + i] != EXIF[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFrameHeader(int marker) {
        // C0..CF except DHT (C4), JPG (C8) and DAC (CC)
        return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
    }

    private static HeaderInfo frameHeader(byte[] b, int pos, int length, int marker, ImageLimits limits)
            throws FrameRejectedException {
        if (length < 8) {
            throw corrupt("JPEG frame header too short");
        }
        final int precision = b[pos + 2] & 0xff;
        final int height = ((b[pos + 3] & 0xff) << 8) | (b[pos + 4] & 0xff);
        final int width = ((b[pos + 5] & 0xff) << 8) | (b[pos + 6] & 0xff);
        final int components = b[pos + 7] & 0xff;
        if (height == 0) {
            throw unsupported("JPEG defines its height in a DNL marker");
        }
        if (width == 0) {
            throw corrupt("JPEG frame header says width 0");
        }
        if (!limits.allows(width, height)) {
            throw new FrameRejectedException(RejectReason.DIMENSIONS_TOO_LARGE, "JPEG of " + width + "x" + height
                    + " exceeds the limits (" + limits.maxSide() + " px per side, " + limits.maxPixels() + " pixels)");
        }
        if (marker != 0xc0 && marker != 0xc1 && marker != 0xc2) {
            throw unsupported("JPEG coding process SOF" + (marker - 0xc0)
                    + " (lossless, hierarchical or arithmetic) is not supported; use baseline or progressive");
        }
        if (precision != 8) {
            throw unsupported("JPEG sample precision " + precision + " is not supported; use 8-bit");
        }
        if (components != 1 && components != 3) {
            throw new FrameRejectedException(RejectReason.WRONG_CHANNELS, "JPEG with " + components
                    + " components (" + (components == 4 ? "CMYK or YCCK" : "unmappable")
                    + ") cannot be mapped to gray or RGB");
        }
        if (length < 8 + 3 * components) {
            throw corrupt("JPEG frame header too short for " + components + " components");
        }
        return new HeaderInfo(ContainerFormat.JPEG, width, height, components, Orientation.UPRIGHT);
    }

    /** @return the position of the marker that ends the scan's entropy-coded data */
    private static int skipEntropyCodedData(byte[] b, int pos) throws FrameRejectedException {
        final int n = b.length;
        while (pos < n) {
            if ((b[pos] & 0xff) != 0xff) {
                pos++;
                continue;
            }
            int next = pos + 1;
            while (next < n && (b[next] & 0xff) == 0xff) {
                next++;
            }
            if (next >= n) {
                break;
            }
            final int m = b[next] & 0xff;
            if (m == 0x00 || (m >= 0xd0 && m <= 0xd7)) {
                pos = next + 1; // stuffed 0xFF or restart marker: still in the scan
            } else {
                return pos;
            }
        }
        throw corrupt("JPEG truncated inside a scan: no EOI marker");
    }

    private static FrameRejectedException corrupt(String message) {
        return new FrameRejectedException(RejectReason.CORRUPT_IMAGE, message);
    }

    private static FrameRejectedException unsupported(String message) {
        return new FrameRejectedException(RejectReason.UNSUPPORTED_FORMAT, message);
    }
}
