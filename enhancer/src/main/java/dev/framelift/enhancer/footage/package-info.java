/**
 * Real footage in and out of Kafka: frame sources (video files and RTSP cameras through FFmpeg,
 * folders of images in natural order, PNG/JPEG on stdin), the {@link dev.framelift.enhancer.footage.Ingest}
 * loop that turns a source into {@code Frame} records on {@code frames.raw}, and the
 * {@link dev.framelift.enhancer.footage.Export} loop that reassembles one stream of
 * {@code frames.enhanced} into an H.264 video or numbered PNGs, in sequence order, with its gaps
 * reported.
 *
 * <p>FFmpeg is reached through JavaCV ({@code org.bytedeco}); its native libraries load on first
 * use. Sources and sinks are single-threaded and own their FFmpeg contexts: close them.
 */
package dev.framelift.enhancer.footage;
