package dev.framelift.enhancer.live;

import dev.framelift.schema.Encoding;

/**
 * One frame's image as it travelled on a topic (not decoded): its payload bytes and encoding.
 * The bytes are never modified after construction.
 *
 * @param width 0 when the record did not say (PNG and JPEG inputs may leave it out)
 */
public record StoredImage(long sequence, Encoding encoding, byte[] bytes, int width, int height) {
}
