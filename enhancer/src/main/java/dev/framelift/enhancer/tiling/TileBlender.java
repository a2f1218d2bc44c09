package dev.framelift.enhancer.tiling;

import java.util.List;

import dev.framelift.model.Image;

/**
 * Assembles a frame's output from its tile outputs, one tile row at a time, top to bottom:
 * each output row is the weighted sum of the tiles that cover it ({@link TileGrid#weights}
 * along x times along y), rounded once. Only the rows a tile row shares with the next one are
 * kept in floats between calls, so memory is the output plus one overlap band. Not thread-safe.
 */
final class TileBlender {
    private final TileGrid grid;
    private final int scale;
    private final List<TileGrid.Span> columns;
    private final List<TileGrid.Span> rows;
    private final float[][] columnWeights;
    private final int outWidth;
    private final int channels;
    private final byte[] out;
    private float[] carry = new float[0];
    private int carryFrom;
    private int nextRow;

    /**
     * @param width input width of the frame
     * @param height input height of the frame
     * @param channels channels of the tile outputs
     */
    TileBlender(TileGrid grid, int width, int height, int scale, int channels) {
        this.grid = grid;
        this.scale = scale;
        this.columns = grid.spans(width);
        this.rows = grid.spans(height);
        this.columnWeights = new float[columns.size()][];
        for (int c = 0; c < columns.size(); c++) {
            columnWeights[c] = grid.weights(columns, c, scale);
        }
        this.outWidth = width * scale;
        this.channels = channels;
        final long bytes = (long) outWidth * height * scale * channels;
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the " + outWidth + "x" + height * scale + " output is over 2 GiB,"
                    + " more than one image can hold");
        }
        this.out = new byte[(int) bytes];
    }

    List<TileGrid.Span> columns() {
        return columns;
    }

    List<TileGrid.Span> rows() {
        return rows;
    }

    /** Blends the outputs of tile row {@code r} (one per column, in order); rows must come in order. */
    void add(int r, List<Image> tiles) {
        if (r != nextRow || tiles.size() != columns.size()) {
            throw new IllegalArgumentException("tile row " + r + " with " + tiles.size() + " tiles; expected row "
                    + nextRow + " with " + columns.size());
        }
        final TileGrid.Span span = rows.get(r);
        final float[] rowWeights = grid.weights(rows, r, scale);
        final int top = span.start() * scale;
        final int bottom = span.end() * scale;
        final int previousEnd = r > 0 ? rows.get(r - 1).end() * scale : top;
        final int nextStart = r + 1 < rows.size() ? rows.get(r + 1).start() * scale : bottom;
        final float[] nextCarry = new float[(bottom - nextStart) * outWidth * channels];
        final float[] line = new float[outWidth * channels];
        final int lineLength = line.length;
        for (int y = top; y < bottom; y++) {
            java.util.Arrays.fill(line, 0f);
            accumulate(line, tiles, y - top);
            final float wy = rowWeights[y - top];
            final int o = y * lineLength;
            if (y < previousEnd) {
                final int k = (y - carryFrom) * lineLength;
                for (int i = 0; i < lineLength; i++) {
                    out[o + i] = clamp(carry[k + i] + wy * line[i]);
                }
            } else if (y >= nextStart) {
                final int k = (y - nextStart) * lineLength;
                for (int i = 0; i < lineLength; i++) {
                    nextCarry[k + i] = wy * line[i];
                }
            } else {
                for (int i = 0; i < lineLength; i++) {
                    out[o + i] = clamp(line[i]);
                }
            }
        }
        carry = nextCarry;
        carryFrom = nextStart;
        nextRow++;
    }

    /** Adds row {@code ty} of every tile, weighted along x, into {@code line}. */
    private void accumulate(float[] line, List<Image> tiles, int ty) {
        for (int c = 0; c < tiles.size(); c++) {
            final Image tile = tiles.get(c);
            final float[] wx = columnWeights[c];
            final int x0 = columns.get(c).start() * scale * channels;
            final byte[] px = tile.pixels();
            final int rowStart = ty * tile.width() * channels;
            for (int x = 0; x < wx.length; x++) {
                final float w = wx[x];
                if (w == 0f) {
                    continue;
                }
                final int src = rowStart + x * channels;
                final int dst = x0 + x * channels;
                for (int ch = 0; ch < channels; ch++) {
                    line[dst + ch] += w * (px[src + ch] & 0xFF);
                }
            }
        }
    }

    private static byte clamp(float v) {
        final int r = Math.round(v);
        return (byte) (r < 0 ? 0 : Math.min(255, r));
    }

    /** The blended frame, once every tile row was added. */
    Image result() {
        if (nextRow != rows.size()) {
            throw new IllegalStateException("only " + nextRow + " of " + rows.size() + " tile rows were added");
        }
        return new Image(outWidth, out.length / (outWidth * channels), channels, out);
    }
}
