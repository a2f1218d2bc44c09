package dev.framelift.enhancer.footage;

import java.nio.ByteBuffer;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

import dev.framelift.model.Image;

/**
 * What every FFmpeg user in this package shares: FFmpeg's own logging turned down to errors
 * (its warnings about codec internals would bury the progress line), and pixel copies between
 * JavaCV {@link Frame}s and {@link Image}s.
 */
final class Ffmpeg {
    private static volatile boolean initialised;

    private Ffmpeg() {
    }

    /** Loads the natives and sets FFmpeg's log level; cheap after the first call. */
    static void init() {
        if (!initialised) {
            synchronized (Ffmpeg.class) {
                if (!initialised) {
                    try {
                        FFmpegFrameGrabber.tryLoad();
                    } catch (FrameGrabber.Exception e) {
                        throw new IllegalStateException("FFmpeg's native libraries do not load on this machine: "
                                + e.getMessage(), e);
                    }
                    avutil.av_log_set_level(avutil.AV_LOG_FATAL);
                    initialised = true;
                }
            }
        }
    }

    /** Copies a packed 8-bit frame (RGB24 or GRAY8, as the grabber was asked for) into an image. */
    static Image toImage(Frame frame) {
        final int w = frame.imageWidth;
        final int h = frame.imageHeight;
        final int c = frame.imageChannels;
        if (frame.imageDepth != Frame.DEPTH_UBYTE || (c != 1 && c != 3)) {
            throw new IllegalStateException("unexpected decoded frame: depth " + frame.imageDepth + ", " + c
                    + " channels");
        }
        final ByteBuffer data = (ByteBuffer) frame.image[0];
        final int stride = frame.imageStride;
        final int rowBytes = w * c;
        final byte[] pixels = new byte[rowBytes * h];
        for (int y = 0; y < h; y++) {
            data.get(y * stride, pixels, y * rowBytes, rowBytes);
        }
        return new Image(w, h, c, pixels);
    }

    /** A frame of the image's pixels (RGB24 or GRAY8 by channel count), sized {@code w x h} with the image at the top left. */
    static Frame toFrame(Image image, int w, int h) {
        final int c = image.channels();
        final Frame frame = new Frame(w, h, Frame.DEPTH_UBYTE, c);
        final ByteBuffer data = (ByteBuffer) frame.image[0];
        final int stride = frame.imageStride;
        final int rowBytes = image.width() * c;
        final byte[] row = new byte[w * c];
        for (int y = 0; y < h; y++) {
            final int sourceY = Math.min(y, image.height() - 1);
            System.arraycopy(image.pixels(), sourceY * rowBytes, row, 0, rowBytes);
            for (int x = image.width() * c; x < row.length; x++) {
                row[x] = row[x - c]; // repeat the last column into padding
            }
            data.put(y * stride, row, 0, row.length);
        }
        return frame;
    }
}
