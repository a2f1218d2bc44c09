package dev.framelift.model.runtime;

import java.util.ArrayList;
import java.util.List;

import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.ByteDataBuffer;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TUint8;

import dev.framelift.model.Image;

/**
 * Images in and out of uint8 NHWC tensors with bulk copies (per-element access is about 100x
 * slower). Stateless. The caller owns (and closes) every tensor it gets or passes.
 */
public final class TensorPacking {
    private TensorPacking() {
    }

    /**
     * Packs a batch of images of one size and channel count into a new {@code [n, h, w, c]}
     * tensor, which the caller must close.
     *
     * @throws IllegalArgumentException if the batch is empty or mixes sizes or channels
     */
    public static TUint8 pack(List<Image> batch) {
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("empty batch");
        }
        final Image first = batch.get(0);
        for (Image image : batch) {
            if (image.width() != first.width() || image.height() != first.height() || image.channels() != first.channels()) {
                throw new IllegalArgumentException("mixed batch: " + describe(first) + " and " + describe(image));
            }
        }
        final int n = batch.size();
        final int frameBytes = first.byteCount();
        return TUint8.tensorOf(Shape.of(n, first.height(), first.width(), first.channels()), tensor -> {
            final ByteDataBuffer data = tensor.asRawTensor().data();
            for (int i = 0; i < n; i++) {
                data.slice((long) i * frameBytes, frameBytes).write(batch.get(i).pixels());
            }
        });
    }

    /**
     * Unpacks a {@code [n, h, w, c]} uint8 tensor into {@code n} images, checking it is exactly
     * the expected shape.
     *
     * @throws IllegalStateException naming the expected and the actual shape otherwise
     */
    public static List<Image> unpack(Tensor output, int n, int width, int height, int channels) {
        final Shape expected = Shape.of(n, height, width, channels);
        if (output.dataType() != DataType.DT_UINT8 || !output.shape().equals(expected)) {
            throw new IllegalStateException("the graph returned " + output.dataType() + " " + output.shape()
                    + ", the contract says uint8 " + expected);
        }
        final ByteDataBuffer data = output.asRawTensor().data();
        final int frameBytes = width * height * channels;
        final List<Image> images = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            final byte[] pixels = new byte[frameBytes];
            data.slice((long) i * frameBytes, frameBytes).read(pixels);
            images.add(new Image(width, height, channels, pixels));
        }
        return images;
    }

    /** Splits {@code n} images stored back to back ({@code shape = [n, h, w, c]}) into a list. */
    public static List<Image> split(byte[] pixels, long[] shape) {
        final int n = (int) shape[0];
        final int h = (int) shape[1];
        final int w = (int) shape[2];
        final int c = (int) shape[3];
        final int frameBytes = w * h * c;
        if ((long) n * frameBytes != pixels.length) {
            throw new IllegalArgumentException(pixels.length + " bytes do not hold " + Shape.of(shape));
        }
        final List<Image> images = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            final byte[] one = new byte[frameBytes];
            System.arraycopy(pixels, i * frameBytes, one, 0, frameBytes);
            images.add(new Image(w, h, c, one));
        }
        return images;
    }

    /** The images' pixels back to back, the inverse of {@link #split}. */
    public static byte[] concat(List<Image> images) {
        final int total = images.stream().mapToInt(Image::byteCount).sum();
        final byte[] out = new byte[total];
        int at = 0;
        for (Image image : images) {
            System.arraycopy(image.pixels(), 0, out, at, image.byteCount());
            at += image.byteCount();
        }
        return out;
    }

    private static String describe(Image image) {
        return image.width() + "x" + image.height() + "x" + image.channels();
    }
}
