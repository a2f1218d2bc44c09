package dev.framelift.enhancer.pipeline;

import java.nio.ByteBuffer;

/** Byte arrays out of Avro {@code bytes} fields, without copying when the buffer already is one whole array. */
public final class Payloads {
    private Payloads() {
    }

    /** @return the buffer's remaining bytes; empty for null. Do not mutate the result. */
    public static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return new byte[0];
        }
        final ByteBuffer view = buffer.duplicate();
        if (view.hasArray() && view.arrayOffset() == 0 && view.position() == 0
                && view.remaining() == view.array().length) {
            return view.array();
        }
        final byte[] copy = new byte[view.remaining()];
        view.get(copy);
        return copy;
    }
}
