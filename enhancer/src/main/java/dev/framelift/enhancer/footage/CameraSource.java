package dev.framelift.enhancer.footage;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * A live camera ({@code rtsp://}, or any URL FFmpeg streams from) that survives drops: when the
 * stream fails or ends, it says so and reconnects with exponential back-off (1 s doubling to
 * {@link #MAX_BACKOFF}), for as long as the caller keeps asking for frames.
 *
 * <p>Sequence numbers run on across reconnects; capture times are the moments frames arrived
 * (a live stream's timestamps restart with every connection). RTSP goes over TCP, with a
 * socket timeout of {@link #SOCKET_TIMEOUT} so a silent camera counts as a drop.
 */
public final class CameraSource implements FrameSource {
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);

    private final String url;
    private final Consumer<String> notices;
    private final Sleeper sleeper;
    private FFmpegFrameGrabber grabber;
    private double frameRate;
    private long sequence;
    private String lastFailure = "not connected";
    private boolean closed;

    /** Sleeps between reconnects; replaceable in tests. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * Connects once; a camera that cannot be reached at all at start is an error, not a retry,
     * so that a mistyped URL says so at once.
     *
     * @param notices where drops and reconnects are reported (one line each)
     */
    public static CameraSource open(String url, Consumer<String> notices) throws FootageException {
        return open(url, notices, d -> Thread.sleep(d.toMillis()));
    }

    static CameraSource open(String url, Consumer<String> notices, Sleeper sleeper) throws FootageException {
        final CameraSource source = new CameraSource(url, notices, sleeper);
        source.connect();
        return source;
    }

    private CameraSource(String url, Consumer<String> notices, Sleeper sleeper) {
        this.url = url;
        this.notices = notices;
        this.sleeper = sleeper;
    }

    private void connect() throws FootageException {
        grabber = VideoSource.start(url, options(url));
        frameRate = grabber.getFrameRate();
    }

    private static Map<String, String> options(String url) {
        final String timeout = String.valueOf(SOCKET_TIMEOUT.toNanos() / 1000);
        return url.startsWith("rtsp") ? Map.of("rtsp_transport", "tcp", "timeout", timeout)
                : Map.of("rw_timeout", timeout);
    }

    @Override
    public SourceFrame next() throws FootageException {
        Duration backoff = FIRST_BACKOFF;
        int attempt = 0;
        while (!closed) {
            String why;
            try {
                final Frame frame = grabber == null ? null : VideoSource.grab(grabber, url, sequence);
                if (frame != null) {
                    final long n = sequence++;
                    return SourceFrame.decoded(Ffmpeg.toImage(frame), n, Instant.now());
                }
                why = grabber == null ? lastFailure : "the stream ended";
            } catch (FootageException e) {
                why = e.getMessage();
            }
            if (grabber != null) {
                VideoSource.release(grabber);
                grabber = null;
            }
            attempt++;
            notices.accept("camera " + url + " dropped (" + why + "); reconnecting in " + backoff.toSeconds()
                    + " s (attempt " + attempt + ")");
            try {
                sleeper.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            try {
                connect();
                notices.accept("camera " + url + " reconnected after " + attempt + " attempt(s)");
                backoff = FIRST_BACKOFF;
                attempt = 0;
            } catch (FootageException e) {
                grabber = null;
                lastFailure = "reconnect failed: " + e.getMessage();
            }
        }
        return null;
    }

    @Override
    public double frameRate() {
        return frameRate;
    }

    @Override
    public long expectedFrames() {
        return -1;
    }

    @Override
    public String describe() {
        return url + " (live" + (frameRate > 0 ? String.format(", %.3g fps", frameRate) : "") + ")";
    }

    /** Disconnects. To stop a {@link #next} blocked in a back-off from another thread, interrupt its thread. */
    @Override
    public void close() {
        closed = true;
        if (grabber != null) {
            VideoSource.release(grabber);
            grabber = null;
        }
    }
}
