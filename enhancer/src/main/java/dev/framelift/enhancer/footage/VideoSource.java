package dev.framelift.enhancer.footage;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * A video file (MP4, AVI, MKV, MPEG, anything FFmpeg demuxes) decoded frame by frame to RGB.
 *
 * <p>Sequence numbers count decoded frames from 0; capture times are the container's
 * {@code creation_time} (or the moment the file was opened, when it has none) plus each frame's
 * presentation timestamp, so they keep the footage's own spacing. Damaged footage fails with a
 * {@link FootageException} that names the file: at open when FFmpeg cannot read it at all, or
 * at the frame where decoding broke.
 */
public final class VideoSource implements FrameSource {
    private final String location;
    private final FFmpegFrameGrabber grabber;
    private final Instant start;
    private long sequence;

    private VideoSource(String location, FFmpegFrameGrabber grabber, Instant start) {
        this.location = location;
        this.grabber = grabber;
        this.start = start;
    }

    /** Opens a file or any URL FFmpeg reads. */
    public static VideoSource open(String location) throws FootageException {
        FFmpegFrameGrabber grabber = start(location, null);
        return new VideoSource(location, grabber, creationTime(grabber));
    }

    /** Opens with demuxer options (e.g. {@code rtsp_transport=tcp}); used for live cameras. */
    static FFmpegFrameGrabber start(String location, java.util.Map<String, String> options) throws FootageException {
        Ffmpeg.init();
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(location);
        grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
        if (options != null) {
            options.forEach(grabber::setOption);
        }
        try {
            grabber.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            release(grabber);
            throw new FootageException("cannot read video " + location + ": " + reason(e), e);
        }
        if (grabber.getVideoStream() < 0 || grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
            release(grabber);
            throw new FootageException("cannot read video " + location + ": it has no video stream");
        }
        return grabber;
    }

    /** The container's {@code creation_time} tag, or now. */
    private static Instant creationTime(FFmpegFrameGrabber grabber) {
        String tag = grabber.getMetadata("creation_time");
        if (tag != null) {
            try {
                return Instant.parse(tag);
            } catch (DateTimeParseException e) {
                // an unparseable tag is as good as none
            }
        }
        return Instant.now();
    }

    @Override
    public SourceFrame next() throws FootageException {
        Frame frame = grab(grabber, location, sequence);
        if (frame == null) {
            return null;
        }
        long n = sequence++;
        Instant captured = start.plusNanos(Math.max(0, frame.timestamp) * 1000);
        return SourceFrame.decoded(Ffmpeg.toImage(frame), n, captured);
    }

    /** The next decoded picture, null at the end; damage becomes a FootageException. */
    static Frame grab(FFmpegFrameGrabber grabber, String location, long sequence) throws FootageException {
        try {
            return grabber.grabImage();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            throw new FootageException("cannot decode " + location + " at frame " + sequence + ": " + reason(e), e);
        }
    }

    @Override
    public double frameRate() {
        return grabber.getFrameRate();
    }

    @Override
    public long expectedFrames() {
        int n = grabber.getLengthInVideoFrames();
        return n > 0 ? n : -1;
    }

    @Override
    public String describe() {
        long frames = expectedFrames();
        return location + " (" + grabber.getVideoCodecName() + ", " + grabber.getImageWidth() + "x"
                + grabber.getImageHeight() + String.format(java.util.Locale.ROOT, ", %.4g fps", frameRate())
                + (frames > 0 ? ", about " + frames + " frames)" : ")");
    }

    @Override
    public void close() {
        release(grabber);
    }

    static void release(FFmpegFrameGrabber grabber) {
        try {
            grabber.release();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            // nothing left to save: the context is being freed
        }
    }

    /** FFmpeg's own words for what went wrong, without JavaCV's call-site prefix. */
    static String reason(Throwable e) {
        String message = e.getMessage() != null ? e.getMessage() : e.toString();
        int colon = message.indexOf("error ");
        return colon >= 0 ? message.substring(colon) : message;
    }
}
