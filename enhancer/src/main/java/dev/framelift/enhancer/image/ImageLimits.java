package dev.framelift.enhancer.image;

/**
 * What the {@link ImageCodec} accepts: frames beyond these limits are refused before any pixel
 * buffer is allocated (dimensions come from the PNG {@code IHDR} / JPEG {@code SOFn} header).
 *
 * @param maxPayloadBytes largest encoded or raw payload
 * @param maxSide largest width or height
 * @param maxPixels largest width x height
 */
public record ImageLimits(long maxPayloadBytes, int maxSide, long maxPixels) {
    public ImageLimits {
        if (maxPayloadBytes < 1 || maxSide < 1 || maxPixels < 1) {
            throw new IllegalArgumentException("limits must be positive: " + maxPayloadBytes + " bytes, side "
                    + maxSide + ", " + maxPixels + " pixels");
        }
    }

    /** 8 MiB payload, 8192 px per side, 16 MP (16,777,216 pixels). */
    public static ImageLimits defaults() {
        return new ImageLimits(8L << 20, 8192, 16_777_216L);
    }

    /** Whether a frame of these dimensions is within the limits (dimensions must be positive). */
    public boolean allows(long width, long height) {
        return width <= maxSide && height <= maxSide && width * height <= maxPixels;
    }
}
