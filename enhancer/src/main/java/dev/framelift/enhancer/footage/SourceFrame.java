package dev.framelift.enhancer.footage;

import java.time.Instant;

import dev.framelift.enhancer.image.ImageCodec;
import dev.framelift.enhancer.reject.FrameRejectedException;
import dev.framelift.model.Image;
import dev.framelift.schema.Encoding;

/**
 * One frame read from a source: decoded pixels (video) or the encoded bytes of an image file
 * (folders, stdin), which are decoded only when something has to change them.
 *
 * @param image the pixels (RGB or gray), or null when only {@code encoded} is known
 * @param encoded the PNG or JPEG file as read, or null for decoded video
 * @param sequence the frame's position in its source, from 0
 * @param captureTime when the frame was captured, as the source tells it (the container's start
 *     time plus the frame's timestamp for a video, the file time for a folder of images, the
 *     arrival time for a live camera or stdin)
 * @param name what to call the frame in progress lines and errors (a file name, or
 *     {@code frame N})
 */
public record SourceFrame(Image image, byte[] encoded, long sequence, Instant captureTime, String name) {
    public SourceFrame {
        if ((image == null) == (encoded == null)) {
            throw new IllegalArgumentException("a source frame has either pixels or encoded bytes");
        }
    }

    static SourceFrame decoded(Image image, long sequence, Instant captureTime) {
        return new SourceFrame(image, null, sequence, captureTime, "frame " + sequence);
    }

    /** The pixels, decoding {@code encoded} with the codec's limits when needed. */
    public Image pixels(ImageCodec codec) throws FootageException {
        if (image != null) {
            return image;
        }
        try {
            return codec.decode(encoding(), encoded, 0, 0);
        } catch (FrameRejectedException e) {
            throw new FootageException("cannot decode " + name + ": " + e.getMessage(), e);
        }
    }

    /** PNG or JPEG by the magic bytes of {@code encoded}. */
    public Encoding encoding() {
        final boolean jpeg = encoded != null && encoded.length > 2 && (encoded[0] & 0xFF) == 0xFF
                && (encoded[1] & 0xFF) == 0xD8;
        return jpeg ? Encoding.JPEG : Encoding.PNG;
    }
}
