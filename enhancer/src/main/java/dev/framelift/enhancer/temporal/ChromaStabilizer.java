package dev.framelift.enhancer.temporal;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.framelift.enhancer.image.YCbCrPlanes;
import dev.framelift.model.Image;

/**
 * Temporal chroma smoothing for colorized streams. A colorizer predicts each frame's colours
 * independently, so a static wall can shift hue from frame to frame; this blends each frame's
 * predicted chroma (Cb, Cr of BT.601 YCbCr) with the stream's previous stabilised chroma where
 * the luma did not change, and keeps the new prediction where it did (motion, cuts):
 *
 * <pre>
 *   d  = |Y(t) - Y(t-1)|, averaged over 3x3 pixels (so sensor noise does not count as motion)
 *   k  = strength x clamp((HIGH - d) / (HIGH - LOW), 0, 1)
 *   C' = k x C'(t-1) + (1 - k) x C(t)        for C in Cb, Cr; Y is left as the model made it
 * </pre>
 *
 * <p><b>State and guarantees.</b> One entry per stream id (the last {@code maxStreams} streams
 * seen, least recently used evicted), used only when the frame is the very next sequence number
 * of the same size; anything else (a gap, a replay after a crash or a rebalance, a new size)
 * starts the stream afresh. So the state never decides <i>whether</i> a frame is output, only
 * how smooth its colours are: a frame reprocessed after a failure may come out slightly
 * differently from the attempt that was aborted, and exactly one of them is ever committed.
 *
 * <p>Thread-safe. Frames of one stream are expected in order from one thread at a time (Kafka
 * keeps a key on one partition, processed by one stream thread); each stream's entry is locked
 * while it is used.
 */
public final class ChromaStabilizer {
    /** Luma change (levels, 3x3 mean) up to which a pixel counts as static. */
    static final float LOW = 3f;
    /** Luma change from which a pixel counts as moving: its new chroma is taken as predicted. */
    static final float HIGH = 12f;

    private final float strength;
    private final int maxStreams;
    private final Map<String, State> streams;

    /**
     * @param strength share of the previous chroma kept on static pixels, 0 (off) to below 1
     * @param maxStreams streams whose last frame is kept
     */
    public ChromaStabilizer(double strength, int maxStreams) {
        if (strength < 0 || strength >= 1 || maxStreams < 1) {
            throw new IllegalArgumentException("strength must be in [0, 1) and maxStreams at least 1, got "
                    + strength + " and " + maxStreams);
        }
        this.strength = (float) strength;
        this.maxStreams = maxStreams;
        this.streams = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** A stabiliser that changes nothing. */
    public static ChromaStabilizer off() {
        return new ChromaStabilizer(0, 1);
    }

    public boolean enabled() {
        return strength > 0;
    }

    /**
     * The frame with its chroma stabilised against the stream's previous frame, or the frame
     * itself when the stream has no usable previous frame (or smoothing is off).
     *
     * @param rgb a colorized frame, 3 channels
     */
    public Image apply(String streamId, long sequence, Image rgb) {
        if (!enabled() || rgb.channels() != 3) {
            return rgb;
        }
        final State state;
        synchronized (streams) {
            state = streams.computeIfAbsent(streamId, id -> new State());
            if (streams.size() > maxStreams) {
                final var eldest = streams.keySet().iterator();
                eldest.next();
                eldest.remove();
            }
        }
        synchronized (state) {
            final boolean continues = state.luma != null && state.sequence + 1 == sequence && state.width == rgb.width()
                    && state.height == rgb.height();
            final YCbCrPlanes current = YCbCrPlanes.of(rgb);
            final Image out = continues ? blend(state, current) : rgb;
            state.remember(sequence, current, rgb.width(), rgb.height());
            return out;
        }
    }

    /** Blends {@code current}'s chroma into the state's in place, and renders the result. */
    private Image blend(State state, YCbCrPlanes current) {
        final int w = state.width;
        final int h = state.height;
        final float[] motion = Motion.meanAbsoluteDifference(current.luma(), state.luma, w, h);
        for (int i = 0; i < motion.length; i++) {
            final float k = strength * Math.max(0f, Math.min(1f, (HIGH - motion[i]) / (HIGH - LOW)));
            current.cb()[i] = k * state.cb[i] + (1 - k) * current.cb()[i];
            current.cr()[i] = k * state.cr[i] + (1 - k) * current.cr()[i];
        }
        return current.render();
    }

    /** One stream's last frame in YCbCr. */
    private static final class State {
        long sequence;
        int width;
        int height;
        float[] luma;
        float[] cb;
        float[] cr;

        void remember(long sequence, YCbCrPlanes frame, int width, int height) {
            this.sequence = sequence;
            this.width = width;
            this.height = height;
            this.luma = frame.luma();
            this.cb = frame.cb();
            this.cr = frame.cr();
        }
    }
}
