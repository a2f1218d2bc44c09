package dev.framelift.enhancer.footage;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    /** A video whose frames end before this share of its declared duration is reported as damaged. */
    private static final double TRUNCATED = 0.9;
    private static final Pattern ERROR_CODE = Pattern.compile("error (-?\\d+)");

    private final String location;
    private final FFmpegFrameGrabber grabber;
    private final Instant start;
    private long sequence;
    private long lastTimestamp;

    private VideoSource(String location, FFmpegFrameGrabber grabber, Instant start) {
        this.location = location;
        this.grabber = grabber;
        this.start = start;
    }

    /** Opens a file or any URL FFmpeg reads. */
    public static VideoSource open(String location) throws FootageException {
        final FFmpegFrameGrabber grabber = start(location, null);
        return new VideoSource(location, grabber, creationTime(grabber));
    }

    /** Opens with demuxer options (e.g. {@code rtsp_transport=tcp}); used for live cameras. */
    static FFmpegFrameGrabber start(String location, java.util.Map<String, String> options) throws FootageException {
        Ffmpeg.init();
        final FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(location);
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
        final String tag = grabber.getMetadata("creation_time");
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
        final Frame frame = grab(grabber, location, sequence);
        if (frame == null) {
            checkComplete();
            return null;
        }
        final long n = sequence++;
        lastTimestamp = Math.max(0, frame.timestamp);
        final Instant captured = start.plusNanos(lastTimestamp * 1000);
        return SourceFrame.decoded(Ffmpeg.toImage(frame), n, captured);
    }

    /**
     * A file whose frames stop well short of the duration its header declares is damaged, not
     * finished. (Durations, not frame counts: some codecs store "repeat the last frame" as empty
     * packets, so a file may hold fewer pictures than its header counts.)
     */
    private void checkComplete() throws FootageException {
        if (sequence == 0) {
            throw new FootageException("cannot decode " + location + ": not one frame could be decoded"
                    + " (truncated or damaged)");
        }
        final long declared = grabber.getLengthInTime();
        final double frameMicros = frameRate() > 0 ? 1e6 / frameRate() : 0;
        if (declared > 0 && lastTimestamp + frameMicros < declared * TRUNCATED) {
            throw new FootageException(String.format(java.util.Locale.ROOT,
                    "%s ended after %d frames at %.1f s of the %.1f s its header declares (truncated or damaged)",
                    location, sequence, lastTimestamp / 1e6, declared / 1e6));
        }
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
        final int n = grabber.getLengthInVideoFrames();
        return n > 0 ? n : -1;
    }

    @Override
    public String describe() {
        final long frames = expectedFrames();
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

    /**
     * FFmpeg's own words for what went wrong ({@code av_strerror} of the error code in JavaCV's
     * message), without JavaCV's hints to programmers.
     */
    static String reason(Throwable e) {
        String message = e.getMessage() != null ? e.getMessage() : e.toString();
        final Matcher code = ERROR_CODE.matcher(message);
        if (code.find()) {
            final byte[] text = new byte[256];
            if (avutil.av_strerror(Integer.parseInt(code.group(1)), text, text.length) == 0) {
                int end = 0;
                while (end < text.length && text[end] != 0) {
                    end++;
                }
                return "FFmpeg cannot read it (" + new String(text, 0, end, java.nio.charset.StandardCharsets.UTF_8) + ")";
            }
        }
        if (message.startsWith("Did not find a video or audio stream")) {
            return "FFmpeg finds no video stream in it";
        }
        final int hint = message.indexOf(" (For more details");
        message = hint >= 0 ? message.substring(0, hint) : message;
        return message.replace(" (Has setFormat() been called?)", "");
    }
}
