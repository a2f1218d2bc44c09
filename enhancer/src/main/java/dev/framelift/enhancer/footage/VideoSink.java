package dev.framelift.enhancer.footage;

import java.nio.file.Path;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

import dev.framelift.enhancer.image.ImageCodec;
import dev.framelift.enhancer.image.Resize;
import dev.framelift.model.Image;

/**
 * An H.264 video (yuv420p, constant frame rate; MP4, MKV or MOV by the file extension) through
 * FFmpeg's OpenH264 encoder. The size is the first frame's, rounded up to even numbers (4:2:0
 * needs them; the last row and column are repeated into the padding); a later frame of another
 * size is resized to it. The file is playable only after {@link #close}.
 */
public final class VideoSink implements FrameSink {
    /** Bits per pixel per frame of the encoded stream: about visually lossless for H.264 at these sizes. */
    private static final double BITS_PER_PIXEL = 0.25;

    private final Path file;
    private final double fps;
    private FFmpegFrameRecorder recorder;
    private Frame last;
    private int width;
    private int height;
    private int contentWidth;
    private int contentHeight;
    private long frames;

    public VideoSink(Path file, double fps) {
        this.file = file;
        this.fps = fps;
    }

    /** Whether a path names a video this sink writes. */
    public static boolean isVideo(Path path) {
        final String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".mp4") || name.endsWith(".mkv") || name.endsWith(".mov");
    }

    @Override
    public void write(long sequence, Image image) throws FootageException {
        Image rgb = ImageCodec.toChannels(image, 3);
        if (recorder == null) {
            start(rgb.width(), rgb.height());
        }
        if (rgb.width() != contentWidth || rgb.height() != contentHeight) {
            rgb = Resize.bicubic(rgb, contentWidth, contentHeight);
        }
        last = Ffmpeg.toFrame(rgb, width, height);
        record(last);
    }

    @Override
    public void repeatLast() throws FootageException {
        if (last != null) {
            record(last);
        }
    }

    private void start(int w, int h) throws FootageException {
        Ffmpeg.init();
        contentWidth = w;
        contentHeight = h;
        width = w + (w & 1);
        height = h + (h & 1);
        final FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toString(), width, height, 0);
        r.setVideoCodec(avcodec.AV_CODEC_ID_H264);
        r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        r.setFrameRate(fps);
        r.setGopSize((int) Math.max(1, Math.round(fps * 2)));
        r.setVideoBitrate((int) Math.min(Integer.MAX_VALUE, Math.max(500_000, BITS_PER_PIXEL * width * height * fps)));
        try {
            r.start();
        } catch (FrameRecorder.Exception | RuntimeException e) {
            release(r);
            throw new FootageException("cannot write video " + file + ": " + VideoSource.reason(e), e);
        }
        recorder = r;
    }

    private void record(Frame frame) throws FootageException {
        try {
            recorder.record(frame, avutil.AV_PIX_FMT_RGB24);
            frames++;
        } catch (FrameRecorder.Exception | RuntimeException e) {
            throw new FootageException("cannot encode frame " + frames + " into " + file + ": " + VideoSource.reason(e), e);
        }
    }

    @Override
    public String describe() {
        return String.format("%s: %d frames, %dx%d H.264 at %.3g fps", file, frames, width, height, fps);
    }

    /** Frames written, repeats included. */
    public long frames() {
        return frames;
    }

    /** Finishes the file (flushes the encoder, writes the index); idempotent. */
    @Override
    public void close() throws FootageException {
        if (recorder != null) {
            final FFmpegFrameRecorder r = recorder;
            recorder = null;
            try {
                r.stop();
            } catch (FrameRecorder.Exception | RuntimeException e) {
                throw new FootageException("cannot finish video " + file + ": " + VideoSource.reason(e), e);
            } finally {
                release(r);
            }
        }
    }

    private static void release(FFmpegFrameRecorder r) {
        try {
            r.release();
        } catch (FrameRecorder.Exception | RuntimeException e) {
            // freeing the context: nothing left to save
        }
    }
}
