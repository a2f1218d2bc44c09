/**
 * Frame pixels: the decoded {@link dev.framelift.model.Image} (8-bit, HWC, gray or RGB)
 * and the {@link dev.framelift.enhancer.image.ImageCodec} that turns PNG, JPEG and raw payloads
 * into images and back, refusing bad input (empty, oversized, truncated, corrupt, absurd
 * dimensions, unmappable channels) with a machine-readable
 * {@link dev.framelift.schema.RejectReason} before it costs memory.
 *
 * <p>Header parsers ({@code PngStructure}, {@code JpegStructure}) check a file's structure
 * without decoding it; {@code RasterPixels} copies decoded rasters out in bulk; {@code
 * PngEncoder} is a fast PNG writer. Everything here is stateless and thread-safe.
 */
package dev.framelift.enhancer.image;
