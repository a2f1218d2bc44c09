package dev.framelift.enhancer.corpus;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.apache.avro.SchemaNormalization;

import dev.framelift.schema.Frame;

/**
 * A Frame record written field by field in Avro's binary encoding, so that its lengths and counts
 * can say anything: the way a hostile or broken producer would write one. Not thread-safe.
 */
final class AvroBytes {
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    /** A zig-zag varint, as Avro writes {@code int} and {@code long}. */
    AvroBytes number(long value) {
        long n = (value << 1) ^ (value >> 63);
        while ((n & ~0x7fL) != 0) {
            body.write((int) ((n & 0x7f) | 0x80));
            n >>>= 7;
        }
        body.write((int) n);
        return this;
    }

    AvroBytes text(String s) {
        return blob(s.getBytes(StandardCharsets.UTF_8));
    }

    AvroBytes blob(byte[] b) {
        number(b.length);
        body.writeBytes(b);
        return this;
    }

    AvroBytes raw(int... values) {
        for (int v : values) {
            body.write(v);
        }
        return this;
    }

    /** The fields of a valid Frame up to, not including, its payload. */
    static AvroBytes frameUpToPayload(String streamId, String task) {
        return new AvroBytes().text(streamId).number(0).number(System.currentTimeMillis()).text(task).number(0)
                .number(0).number(0);
    }

    byte[] body() {
        return body.toByteArray();
    }

    /** The body behind a single-object header with the current Frame schema's fingerprint. */
    byte[] frame() {
        final ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(header());
        all.writeBytes(body.toByteArray());
        return all.toByteArray();
    }

    static byte[] header() {
        return ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN).put((byte) 0xc3).put((byte) 0x01)
                .putLong(SchemaNormalization.parsingFingerprint64(Frame.getClassSchema())).array();
    }
}
