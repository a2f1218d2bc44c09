package dev.framelift.enhancer.bench;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.framelift.enhancer.demo.SampleFootage;
import dev.framelift.enhancer.image.ImageCodec;
import dev.framelift.enhancer.image.ImageLimits;
import dev.framelift.enhancer.reject.FrameRejectedException;
import dev.framelift.model.Image;
import dev.framelift.schema.Encoding;
import dev.framelift.schema.Frame;
import dev.framelift.schema.Tasks;

/**
 * Benchmark input: the shipped surveillance clip frames, resized to the requested input size
 * (grayscale for colorize) and JPEG-encoded, as a camera would send them.
 */
final class BenchFrames {
    private BenchFrames() {
    }

    /** A camera's frame of {@code task}: the JPEG {@code jpeg} of {@code width x height}, captured now. */
    static Frame frame(String stream, long sequence, String task, int width, int height, byte[] jpeg) {
        return Frame.newBuilder().setStreamId(stream).setSequence(sequence).setCaptureTime(Instant.now())
                .setTask(task).setEncoding(Encoding.JPEG).setWidth(width).setHeight(height)
                .setPayload(ByteBuffer.wrap(jpeg)).build();
    }

    static List<byte[]> jpegs(String task, int width, int height) {
        final List<byte[]> frames = new ArrayList<>();
        for (int i = 1; i <= SampleFootage.CLIP_FRAMES; i++) {
            final BufferedImage source = SampleFootage.clipFrame(i);
            final int type = Tasks.COLORIZE.equals(task) ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR;
            final BufferedImage resized = new BufferedImage(width, height, type);
            final Graphics2D g = resized.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(source, 0, 0, width, height, null);
            g.dispose();
            frames.add(SampleFootage.encode(resized, "jpeg"));
        }
        return frames;
    }

    /** The frames decoded by the enhancer's codec, with {@code channels} channels. */
    static List<Image> images(List<byte[]> jpegs, int channels) {
        final ImageCodec codec = new ImageCodec(ImageLimits.defaults());
        final List<Image> images = new ArrayList<>();
        for (byte[] jpeg : jpegs) {
            try {
                images.add(ImageCodec.toChannels(codec.decode(Encoding.JPEG, jpeg, 0, 0), channels));
            } catch (FrameRejectedException e) {
                throw new IllegalStateException("benchmark frame rejected: " + e.getMessage(), e);
            }
        }
        return images;
    }
}
