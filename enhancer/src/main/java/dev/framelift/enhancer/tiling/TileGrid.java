package dev.framelift.enhancer.tiling;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the tiles of a frame go, along each axis, and how their outputs are weighted.
 *
 * <p><b>Placement.</b> Along an axis of length {@code L}: one span when {@code L <= size};
 * otherwise spans of {@code size} starting every {@code size - overlap}, and a last span that
 * ends exactly at the edge. Every start is a multiple of {@link #ALIGN}, so a model that
 * downsamples by up to 8 (the colorizer's three stride-2 levels) sees each tile on the same
 * sampling grid as the whole frame; the last span is therefore up to {@code ALIGN - 1} longer
 * than {@code size}, and when it would overlap its neighbour by less than {@code overlap}
 * that neighbour is stretched to the edge instead. Neighbours overlap by at least
 * {@code overlap} and no point lies in more than two spans.
 *
 * <p><b>Weights.</b> Inside an overlap, the later span's weight ramps linearly from 0 to 1
 * across the overlap minus a {@code margin} of {@code overlap / 4} at each end, and the earlier
 * span's is the complement: a tile's pixels within the margin of a cut edge (where the model saw
 * less context than on the whole frame) never count, and the two tiles hand over smoothly where
 * both are trustworthy. Edges on the frame border are real borders: no ramp there.
 */
public final class TileGrid {
    /** Span starts are multiples of this many input pixels. */
    public static final int ALIGN = 8;

    private final int size;
    private final int overlap;

    /**
     * @param size the tile side in input pixels: a multiple of {@link #ALIGN}, at least 2 x overlap
     * @param overlap the least overlap of neighbouring tiles: a multiple of {@link #ALIGN}, at least 8
     */
    public TileGrid(int size, int overlap) {
        if (overlap < ALIGN || overlap % ALIGN != 0 || size % ALIGN != 0 || size < 2 * overlap) {
            throw new IllegalArgumentException("tile size " + size + " and overlap " + overlap + " must be multiples of "
                    + ALIGN + ", with overlap >= " + ALIGN + " and size >= 2 x overlap");
        }
        this.size = size;
        this.overlap = overlap;
    }

    /** Whether a frame needs tiling at all. */
    public boolean needsTiling(int width, int height) {
        return width > size || height > size;
    }

    /** One span along an axis: {@code [start, end)} in input pixels. */
    public record Span(int start, int end) {
        public int length() {
            return end - start;
        }
    }

    /** The spans along an axis of {@code length} input pixels. */
    public List<Span> spans(int length) {
        final List<Span> spans = new ArrayList<>();
        if (length <= size) {
            spans.add(new Span(0, length));
            return spans;
        }
        final int stride = size - overlap;
        int start = 0;
        while (start + size < length) {
            spans.add(new Span(start, start + size));
            start += stride;
        }
        final int lastStart = (length - size) / ALIGN * ALIGN;
        final Span previous = spans.get(spans.size() - 1);
        if (lastStart < previous.start() + overlap) {
            spans.set(spans.size() - 1, new Span(previous.start(), length));
        } else {
            spans.add(new Span(lastStart, length));
        }
        return spans;
    }

    /**
     * The blend weight of each output pixel of span {@code i}, along one axis, at output scale.
     * The weights of all spans sum to 1 at every output position.
     */
    public float[] weights(List<Span> spans, int i, int scale) {
        final Span span = spans.get(i);
        final float[] w = new float[span.length() * scale];
        java.util.Arrays.fill(w, 1f);
        if (i > 0) {
            // rising edge: the overlap with the previous span
            final Span before = spans.get(i - 1);
            for (int k = 0; k < w.length; k++) {
                w[k] *= laterWeight(span.start(), before.end(), span.start() * scale + k, scale);
            }
        }
        if (i < spans.size() - 1) {
            final Span after = spans.get(i + 1);
            for (int k = 0; k < w.length; k++) {
                w[k] *= 1f - laterWeight(after.start(), span.end(), span.start() * scale + k, scale);
            }
        }
        return w;
    }

    /** Weight of the later span at output position {@code x}, for an overlap {@code [from, to)} in input pixels. */
    private float laterWeight(int from, int to, int x, int scale) {
        final double margin = overlap / 4.0 * scale;
        final double rampStart = from * scale + margin;
        final double rampLength = (to - from) * scale - 2 * margin;
        final double t = (x + 0.5 - rampStart) / rampLength;
        return (float) Math.max(0, Math.min(1, t));
    }

    /** Tiles as the enhancer's configuration makes them by default: 768 pixels, overlapping by 128. */
    public static TileGrid defaults() {
        return new TileGrid(768, 128);
    }

    /**
     * The longest a span can be: a stretched last span is up to {@code overlap + ALIGN - 1}
     * longer than {@code size}. The memory of one inference of a tiled frame is bounded by it.
     */
    public int largestSpan() {
        return size + overlap + ALIGN - 1;
    }

    public int size() {
        return size;
    }

    public int overlap() {
        return overlap;
    }
}
