package dev.framelift.enhancer.image;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

import dev.framelift.enhancer.reject.FrameRejectedException;
import dev.framelift.model.Image;
import dev.framelift.schema.Encoding;
import dev.framelift.schema.RejectReason;

/**
 * Turns frame payloads into {@link Image}s and back, refusing bad input with a
 * {@link RejectReason} before it costs memory or time.
 *
 * <p><b>Decoding.</b> Checks run cheapest first: empty payload ({@code EMPTY_PAYLOAD}), payload
 * size ({@code FRAME_TOO_LARGE}), then for PNG and JPEG the container structure and header
 * (see {@link PngStructure}, {@link JpegStructure}): dimensions beyond the {@link ImageLimits}
 * ({@code DIMENSIONS_TOO_LARGE}) are refused from the header, before any pixel buffer exists,
 * and truncated or corrupt files ({@code CORRUPT_IMAGE}) before the decoder can paper over them.
 * PNG and JPEG are told apart by their magic bytes, not by the {@link Encoding} label: a JPEG
 * labelled PNG (or the reverse) is decoded as what it is. Bytes with PNG/JPEG labels that are
 * another image format (GIF, BMP, TIFF, WebP) are {@code UNSUPPORTED_FORMAT}, anything else
 * {@code CORRUPT_IMAGE}. For PNG and JPEG the {@code width}/{@code height} arguments are ignored
 * (the header is authoritative); raw {@code GRAY8}/{@code RGB8} need them
 * ({@code INVALID_DIMENSIONS}, {@code RAW_SIZE_MISMATCH}).
 *
 * <p>Decoded images have 1 channel (gray PNG, gray JPEG, {@code GRAY8}) or 3 (RGB, palette,
 * YCbCr JPEG, {@code RGB8}). Alpha is composited onto black ({@link #decodeWithAlpha} keeps a
 * PNG's alpha channel apart instead), 16-bit samples are rounded to 8 bits (FrameLift processes 8
 * bits per sample), embedded colour profiles are ignored (samples are taken as stored). A 4-component
 * (CMYK/YCCK) JPEG is {@code WRONG_CHANNELS}; 12-bit, lossless, arithmetic-coded and
 * hierarchical JPEGs, and JPEGs of more than {@value JpegStructure#MAX_SCANS} scans, are
 * {@code UNSUPPORTED_FORMAT}. A photo with an EXIF orientation (JPEG {@code APP1}, PNG
 * {@code eXIf}) is turned upright, as viewers show it.
 *
 * <p><b>Memory.</b> PNGs are decoded row by row by {@link PngDecoder}, straight into the 8-bit
 * result, so a 16-bit or alpha PNG at the pixel limit needs no more memory than an 8-bit one;
 * JPEGs are decoded by ImageIO into an 8-bit raster and copied once. Callers can refuse a
 * frame from its dimensions before any pixel is allocated with a {@link DimensionCheck}.
 *
 * <p><b>Encoding.</b> PNG with this package's fast writer ({@link PngEncoder}: Sub filter,
 * deflate level {@value #PNG_DEFLATE_LEVEL}), JPEG with ImageIO at quality {@value #JPEG_QUALITY}
 * (4:2:0), raw formats as the pixel bytes. Encoders keep their scratch (deflater, buffers, the
 * JPEG writer) per thread, so encoding a frame allocates little beyond its result.
 *
 * <p><b>Thread-safety.</b> Thread-safe and stateless apart from its limits and per-thread scratch:
 * JPEGs go through one ImageIO reader and one writer per thread ({@link JpegCodec}).
 */
public final class ImageCodec {
    /** Deflate level of encoded PNGs: 1 is fastest, and barely bigger than 6 on photos. */
    public static final int PNG_DEFLATE_LEVEL = 1;
    /** Quality of encoded JPEGs. */
    public static final float JPEG_QUALITY = 0.92f;

    private final ImageLimits limits;

    public ImageCodec(ImageLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public ImageLimits limits() {
        return limits;
    }

    /**
     * Decodes one payload.
     *
     * @param encoding how the payload is encoded (for PNG/JPEG a hint: the magic bytes decide)
     * @param payload the encoded or raw bytes
     * @param width pixel width; required for {@code GRAY8}/{@code RGB8}, ignored for PNG/JPEG
     * @param height pixel height; required for {@code GRAY8}/{@code RGB8}, ignored for PNG/JPEG
     * @return the pixels, 1 or 3 channels; the payload array is not retained
     * @throws FrameRejectedException with the reason the frame cannot be decoded
     */
    public Image decode(Encoding encoding, byte[] payload, int width, int height) throws FrameRejectedException {
        return decode(encoding, payload, width, height, DimensionCheck.NONE);
    }

    /**
     * Decodes one payload, running {@code check} on its dimensions before any pixel is decoded.
     *
     * @see #decode(Encoding, byte[], int, int)
     */
    public Image decode(Encoding encoding, byte[] payload, int width, int height, DimensionCheck check)
            throws FrameRejectedException {
        return decode(encoding, payload, width, height, check, false).colour();
    }

    /**
     * Decodes one payload like {@link #decode(Encoding, byte[], int, int, DimensionCheck)}, but
     * keeps a PNG's alpha channel (gray + alpha, RGBA) apart instead of compositing it: the colour
     * samples as stored and the alpha plane. Other frames come back without one (a palette's or
     * a single colour's transparency is still composited onto black).
     */
    public DecodedImage decodeWithAlpha(Encoding encoding, byte[] payload, int width, int height, DimensionCheck check)
            throws FrameRejectedException {
        return decode(encoding, payload, width, height, check, true);
    }

    private DecodedImage decode(Encoding encoding, byte[] payload, int width, int height, DimensionCheck check,
            boolean keepAlpha) throws FrameRejectedException {
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(check, "check");
        if (payload == null || payload.length == 0) {
            throw new FrameRejectedException(RejectReason.EMPTY_PAYLOAD, "empty " + encoding + " payload");
        }
        if (payload.length > limits.maxPayloadBytes()) {
            throw new FrameRejectedException(RejectReason.FRAME_TOO_LARGE, "payload of " + payload.length
                    + " bytes exceeds the limit of " + limits.maxPayloadBytes());
        }
        return switch (encoding) {
            case GRAY8 -> new DecodedImage(decodeRaw(payload, width, height, 1, check), null);
            case RGB8 -> new DecodedImage(decodeRaw(payload, width, height, 3, check), null);
            case PNG, JPEG -> decodeContainer(encoding, payload, check, keepAlpha);
        };
    }

    private Image decodeRaw(byte[] payload, int width, int height, int channels, DimensionCheck check)
            throws FrameRejectedException {
        if (width <= 0 || height <= 0) {
            throw new FrameRejectedException(RejectReason.INVALID_DIMENSIONS,
                    "raw frames need a positive width and height, got " + width + "x" + height);
        }
        if (!limits.allows(width, height)) {
            throw new FrameRejectedException(RejectReason.DIMENSIONS_TOO_LARGE, width + "x" + height
                    + " exceeds the limits (" + limits.maxSide() + " px per side, " + limits.maxPixels() + " pixels)");
        }
        final long expected = (long) width * height * channels;
        if (payload.length != expected) {
            throw new FrameRejectedException(RejectReason.RAW_SIZE_MISMATCH, (channels == 1 ? "GRAY8 " : "RGB8 ")
                    + width + "x" + height + " needs " + expected + " bytes, payload has " + payload.length);
        }
        check.check(width, height);
        return new Image(width, height, channels, payload.clone());
    }

    private DecodedImage decodeContainer(Encoding label, byte[] payload, DimensionCheck check, boolean keepAlpha)
            throws FrameRejectedException {
        final ContainerFormat format = ContainerFormat.sniff(payload);
        final HeaderInfo header = switch (format) {
            case PNG -> PngStructure.check(payload, limits);
            case JPEG -> JpegStructure.check(payload, limits);
            case OTHER_IMAGE -> throw new FrameRejectedException(RejectReason.UNSUPPORTED_FORMAT,
                    "payload labelled " + label + " is another image format; send PNG, JPEG, GRAY8 or RGB8");
            case UNKNOWN -> throw new FrameRejectedException(RejectReason.CORRUPT_IMAGE,
                    "payload labelled " + label + " is neither PNG nor JPEG (bad signature)");
        };
        check.check(header.uprightWidth(), header.uprightHeight());
        final DecodedImage stored = format == ContainerFormat.PNG ? PngDecoder.decode(payload, header, keepAlpha)
                : new DecodedImage(decodeJpeg(payload, header), null);
        final Image alpha = stored.alpha() == null ? null : Orientation.upright(stored.alpha(), header.orientation());
        return new DecodedImage(Orientation.upright(stored.colour(), header.orientation()), alpha);
    }

    private static Image decodeJpeg(byte[] payload, HeaderInfo header) throws FrameRejectedException {
        final BufferedImage decoded;
        try {
            decoded = JpegCodec.read(payload);
        } catch (IOException | RuntimeException e) {
            // structure was sound, so this is damage inside the compressed data
            throw new FrameRejectedException(RejectReason.CORRUPT_IMAGE, "JPEG cannot be decoded: " + e, e);
        }
        if (decoded.getWidth() != header.width() || decoded.getHeight() != header.height()) {
            throw new FrameRejectedException(RejectReason.CORRUPT_IMAGE, "JPEG decoded to "
                    + decoded.getWidth() + "x" + decoded.getHeight() + ", header says " + header.width() + "x"
                    + header.height());
        }
        try {
            return RasterPixels.toImage(decoded, header.channels());
        } catch (IllegalArgumentException e) {
            throw new FrameRejectedException(RejectReason.WRONG_CHANNELS, "JPEG: " + e.getMessage(), e);
        }
    }

    /**
     * Encodes an image: PNG or JPEG of its channels (gray stays gray), or the raw pixel bytes.
     *
     * @throws IllegalArgumentException for {@code GRAY8} of a colour image or {@code RGB8} of a
     *     gray one (convert with {@link #toChannels} first)
     */
    public byte[] encode(Image image, Encoding encoding) {
        Objects.requireNonNull(image, "image");
        return switch (encoding) {
            case PNG -> PngEncoder.encode(image, PNG_DEFLATE_LEVEL);
            case JPEG -> encodeJpeg(image);
            case GRAY8 -> raw(image, 1);
            case RGB8 -> raw(image, 3);
        };
    }

    private static byte[] raw(Image image, int channels) {
        if (image.channels() != channels) {
            throw new IllegalArgumentException("a " + image.channels() + "-channel image is not "
                    + (channels == 1 ? "GRAY8" : "RGB8") + "; convert it with toChannels first");
        }
        return image.pixels().clone();
    }

    private static byte[] encodeJpeg(Image image) {
        try {
            return JpegCodec.write(wrap(image), JPEG_QUALITY);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode JPEG", e);
        }
    }

    /** A BufferedImage view of the image's own array (RGB or gray band order), no copy. */
    static BufferedImage wrap(Image image) {
        final int c = image.channels();
        final int[] offsets = c == 1 ? new int[] {0} : new int[] {0, 1, 2};
        final DataBufferByte buffer = new DataBufferByte(image.pixels(), image.byteCount());
        final WritableRaster raster = Raster.createInterleavedRaster(buffer, image.width(), image.height(),
                image.width() * c, c, offsets, null);
        final ColorSpace space = ColorSpace.getInstance(c == 1 ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB);
        final ComponentColorModel model = new ComponentColorModel(space, false, false, Transparency.OPAQUE,
                DataBuffer.TYPE_BYTE);
        return new BufferedImage(model, raster, false, null);
    }

    /**
     * Encodes an image with its alpha plane: PNG with transparency (gray + alpha or RGBA); JPEG,
     * which has no alpha, gets the image composited onto black. The raw encodings get it composited
     * and converted to their channels ({@code RGB8} of a gray frame repeats its samples). Without an
     * alpha plane, PNG and JPEG are the same as {@link #encode(Image, Encoding)}.
     */
    public byte[] encode(DecodedImage image, Encoding encoding) {
        if (encoding == Encoding.RGB8 || encoding == Encoding.GRAY8) {
            return encode(toChannels(image.composited(), encoding == Encoding.RGB8 ? 3 : 1), encoding);
        }
        if (!image.hasAlpha()) {
            return encode(image.colour(), encoding);
        }
        return encoding == Encoding.PNG ? PngEncoder.encode(image.colour(), image.alpha(), PNG_DEFLATE_LEVEL)
                : encode(image.composited(), encoding);
    }

    /**
     * Converts between gray and RGB: 3 to 1 by BT.601 luma ({@code 0.299 R + 0.587 G + 0.114 B},
     * rounded), 1 to 3 by replicating; the same count returns the same instance.
     */
    public static Image toChannels(Image image, int channels) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (image.channels() == channels) {
            return image;
        }
        final byte[] in = image.pixels();
        final int pixels = image.width() * image.height();
        final byte[] out = new byte[pixels * channels];
        if (channels == 1) {
            for (int i = 0, j = 0; i < pixels; i++, j += 3) {
                out[i] = (byte) ((19595 * (in[j] & 0xff) + 38470 * (in[j + 1] & 0xff) + 7471 * (in[j + 2] & 0xff)
                        + 32768) >> 16);
            }
        } else {
            for (int i = 0, j = 0; i < pixels; i++) {
                final byte v = in[i];
                out[j++] = v;
                out[j++] = v;
                out[j++] = v;
            }
        }
        return new Image(image.width(), image.height(), channels, out);
    }
}
