package dev.framelift.enhancer.corpus;

import static dev.framelift.enhancer.corpus.RecordCases.enhanced;
import static dev.framelift.enhancer.corpus.RecordCases.frame;
import static dev.framelift.enhancer.corpus.RecordCases.rejected;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.framelift.schema.Encoding;
import dev.framelift.schema.RejectReason;
import dev.framelift.schema.Tasks;

/**
 * Hostile and unusual images inside valid frames: lying headers, broken data, cost bombs, and
 * legitimate but rare files (16-bit, alpha, interlaced, rotated) that must be enhanced.
 */
final class ImageCases {
    private ImageCases() {
    }

    static List<CorpusCase> all(CorpusLimits limits) {
        final List<CorpusCase> cases = new ArrayList<>();
        final byte[] png = CraftedImages.png(CraftedImages.pattern(32, 24, 3, 1));
        final byte[] jpeg = CraftedImages.jpeg(CraftedImages.pattern(32, 24, 3, 2));

        cases.add(png("png-truncated", Arrays.copyOf(png, png.length / 2), RejectReason.CORRUPT_IMAGE, "a PNG cut in half"));
        final byte[] badCrc = png.clone();
        badCrc[badCrc.length - 20] ^= 0x01;
        cases.add(png("png-bad-crc", badCrc, RejectReason.CORRUPT_IMAGE, "one flipped bit in the image data"));
        cases.add(png("png-garbage-deflate", garbageIdat(), RejectReason.CORRUPT_IMAGE,
                "chunks intact, compressed data garbage"));
        cases.add(png("png-header-bomb", CraftedImages.pngWithHeader(100_000, 100_000, 8, 2),
                RejectReason.DIMENSIONS_TOO_LARGE, "IHDR claiming 100000x100000"));
        final long side = Math.min(limits.imageMaxSide(), (long) Math.sqrt(limits.imageMaxPixels()) + 2);
        cases.add(png("png-too-many-pixels", CraftedImages.pngWithHeader(side, side, 8, 2),
                RejectReason.DIMENSIONS_TOO_LARGE, "each side within the limit, the area not"));
        cases.add(png("png-zero-width", CraftedImages.pngWithHeader(0, 16, 8, 2), RejectReason.CORRUPT_IMAGE,
                "IHDR with width 0"));
        cases.add(png("png-bad-colour-type", CraftedImages.pngWithHeader(16, 16, 8, 5), RejectReason.CORRUPT_IMAGE,
                "colour type 5"));
        cases.add(png("png-data-ends-early", CraftedImages.pngWithHeader(64, 64, 8, 0), RejectReason.CORRUPT_IMAGE,
                "64 rows promised, a row's worth of data"));
        cases.add(png("png-no-palette", CraftedImages.pngOf(4, 4, 8, 3, new byte[16], List.of()),
                RejectReason.CORRUPT_IMAGE, "a palette image without PLTE"));
        cases.add(png("png-palette-overflow", CraftedImages.pngOf(2, 1, 8, 3, new byte[] {0, (byte) 200},
                List.of(Map.entry("PLTE", new byte[] {1, 2, 3}))), RejectReason.CORRUPT_IMAGE,
                "pixel index 200 in a 1-colour palette"));
        cases.add(png("png-bad-filter", badFilter(), RejectReason.CORRUPT_IMAGE, "row filter type 9"));
        cases.add(png("png-no-iend", Arrays.copyOf(png, png.length - 12), RejectReason.CORRUPT_IMAGE,
                "no IEND chunk"));

        cases.add(jpeg("jpeg-truncated", Arrays.copyOf(jpeg, jpeg.length - 40), RejectReason.CORRUPT_IMAGE,
                "a JPEG missing its last 40 bytes"));
        cases.add(jpeg("jpeg-cmyk", CraftedImages.cmykJpeg(16, 16), RejectReason.WRONG_CHANNELS, "4 components"));
        cases.add(jpeg("jpeg-12-bit", CraftedImages.withFrameHeader(jpeg, 0xc0, 12, 32, 24),
                RejectReason.UNSUPPORTED_FORMAT, "12-bit samples"));
        cases.add(jpeg("jpeg-arithmetic", CraftedImages.withFrameHeader(jpeg, 0xc9, 8, 32, 24),
                RejectReason.UNSUPPORTED_FORMAT, "arithmetic coding (SOF9)"));
        cases.add(jpeg("jpeg-header-bomb", CraftedImages.withFrameHeader(jpeg, 0xc0, 8, 65_535, 65_535),
                RejectReason.DIMENSIONS_TOO_LARGE, "SOF0 claiming 65535x65535"));
        final byte[] tiny = CraftedImages.jpeg(CraftedImages.pattern(8, 8, 3, 3));
        final int scans = (int) Math.max(101, Math.min(5_000, limits.frameMaxBytes() * 9L / 10 / tiny.length));
        cases.add(jpeg("jpeg-many-scans", CraftedImages.withRepeatedScan(tiny, scans), RejectReason.UNSUPPORTED_FORMAT,
                scans + " scans: each would decode the whole image again"));
        cases.add(jpeg("jpeg-no-frame-header", new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xd9},
                RejectReason.CORRUPT_IMAGE, "SOI then EOI"));
        cases.add(png("gif-as-png", "GIF89a\u0001\u0000\u0001\u0000".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                RejectReason.UNSUPPORTED_FORMAT, "a GIF labelled PNG"));
        cases.add(png("bmp-as-png", new byte[] {'B', 'M', 0, 0, 0, 0}, RejectReason.UNSUPPORTED_FORMAT, "a BMP labelled PNG"));
        cases.add(png("random-as-png", CraftedImages.noise(16, 16, 1, 3).pixels(), RejectReason.CORRUPT_IMAGE,
                "random bytes labelled PNG"));

        final long outputSide = (long) Math.sqrt(limits.outputMaxPixels()) / 4 + 1;
        if (outputSide <= limits.imageMaxSide() && outputSide * outputSide <= limits.imageMaxPixels()) {
            cases.add(new CorpusCase("hostile-sr-x4-output-bomb", frame("sr-x4-output-bomb", Tasks.SR_X4, Encoding.PNG,
                    CraftedImages.pngWithHeader(outputSide, outputSide, 8, 2)),
                    java.util.Set.of(RejectReason.OUTPUT_TOO_LARGE.name()),
                    "sr-x4 of " + outputSide + "x" + outputSide + ": an output over output.max.pixels"));
        }

        final int large = limits.largeSide();
        cases.add(enhanced("png-16-bit-rgba", frame("png-16-bit-rgba", Tasks.COLORIZE, Encoding.PNG,
                CraftedImages.pngOf(large, large, 16, 6, smooth16(large, 4), List.of())), "16-bit RGBA, composited"));
        cases.add(enhanced("png-16-bit-gray-alpha", frame("png-16-bit-gray-alpha", Tasks.COLORIZE, Encoding.PNG,
                CraftedImages.pngOf(large, large, 16, 4, smooth16(large, 2), List.of())), "16-bit gray + alpha"));
        cases.add(enhanced("png-1-bit", frame("png-1-bit", Tasks.COLORIZE, Encoding.PNG,
                CraftedImages.pngOf(16, 8, 1, 0, new byte[] {(byte) 0xaa, 0x55, (byte) 0xaa, 0x55, (byte) 0xaa, 0x55,
                    (byte) 0xaa, 0x55, (byte) 0xaa, 0x55, (byte) 0xaa, 0x55, (byte) 0xaa, 0x55, (byte) 0xaa, 0x55}, List.of())),
                "1-bit gray"));
        cases.add(enhanced("png-exif-rotated", frame("png-exif-rotated", Tasks.SR_X2, Encoding.PNG,
                CraftedImages.pngOf(4, 2, 8, 0, new byte[8], List.of(Map.entry("eXIf", CraftedImages.tiffWithOrientation(6))))),
                "a PNG with an EXIF orientation"));
        cases.add(enhanced("jpeg-exif-rotated", frame("jpeg-exif-rotated", Tasks.SR_X2, Encoding.JPEG,
                CraftedImages.withExifOrientation(jpeg, 8)), "a JPEG taken with the camera on its side"));
        cases.add(enhanced("jpeg-progressive", frame("jpeg-progressive", Tasks.SR_X2, Encoding.JPEG,
                CraftedImages.progressiveJpeg(CraftedImages.pattern(48, 32, 3, 6))), "a progressive JPEG"));
        cases.add(enhanced("jpeg-labelled-png", frame("jpeg-labelled-png", Tasks.SR_X2, Encoding.PNG, jpeg),
                "a JPEG labelled PNG: the magic bytes decide"));
        cases.add(enhanced("gray-png-for-sr", frame("gray-png-for-sr", Tasks.SR_X2, Encoding.PNG,
                CraftedImages.png(CraftedImages.pattern(24, 16, 1, 7))), "a gray PNG for an RGB model"));
        cases.add(enhanced("rgb-png-for-colorize", frame("rgb-png-for-colorize", Tasks.COLORIZE, Encoding.PNG, png),
                "an RGB PNG to colorize"));
        final int chunks = (int) Math.min(20_000, limits.frameMaxBytes() * 9L / 10 / 12);
        cases.add(enhanced("png-many-chunks", frame("png-many-chunks", Tasks.SR_X2, Encoding.PNG, manyChunks(chunks)),
                chunks + " empty ancillary chunks before the data"));
        cases.add(enhanced("png-1x1", frame("png-1x1", Tasks.SR_X4, Encoding.PNG,
                CraftedImages.png(CraftedImages.pattern(1, 1, 3, 8))), "a 1x1 PNG"));
        return cases;
    }

    private static CorpusCase png(String name, byte[] payload, RejectReason reason, String description) {
        return rejected(name, frame(name, Tasks.SR_X2, Encoding.PNG, payload), reason, description);
    }

    private static CorpusCase jpeg(String name, byte[] payload, RejectReason reason, String description) {
        return rejected(name, frame(name, Tasks.SR_X2, Encoding.JPEG, payload), reason, description);
    }

    private static byte[] garbageIdat() {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        CraftedImages.chunk(out, "IHDR", java.nio.ByteBuffer.allocate(13).putInt(8).putInt(8).put((byte) 8).array());
        CraftedImages.chunk(out, "IDAT", CraftedImages.noise(8, 8, 1, 9).pixels());
        CraftedImages.chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static byte[] badFilter() {
        // rows are stored with filter 0; make the first row's filter byte 9
        final byte[] rows = new byte[16];
        final byte[] filtered = new byte[20];
        System.arraycopy(rows, 0, filtered, 1, 4);
        filtered[0] = 9;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        CraftedImages.chunk(out, "IHDR", java.nio.ByteBuffer.allocate(13).putInt(4).putInt(4).put((byte) 8).array());
        CraftedImages.chunk(out, "IDAT", CraftedImages.deflate(filtered, 6));
        CraftedImages.chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static byte[] manyChunks(int count) {
        final byte[] base = CraftedImages.png(CraftedImages.pattern(16, 16, 3, 10));
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(base, 0, 8 + 25);
        for (int i = 0; i < count; i++) {
            CraftedImages.chunk(out, "tEXt", new byte[0]);
        }
        out.write(base, 8 + 25, base.length - 8 - 25);
        return out.toByteArray();
    }

    /** 16-bit samples, {@code samples} per pixel, smooth so the file stays small. */
    private static byte[] smooth16(int side, int samples) {
        final byte[] rows = new byte[side * side * samples * 2];
        for (int i = 0; i < rows.length; i += 2) {
            final int pixel = i / 2 / samples;
            rows[i] = (byte) ((pixel % side) * 255 / side);
            rows[i + 1] = (byte) (pixel / side);
        }
        return rows;
    }
}
