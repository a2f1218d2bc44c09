package dev.framelift.schema.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes and decodes one generated Avro class in the single-object format. Thread-safe: the
 * Avro message encoder and decoder keep per-thread buffers.
 *
 * <p>Decoding is bounded: before Avro sees the bytes, the body is walked against its writer
 * schema ({@link BoundedBody}), so a length or count that the record cannot hold is refused with
 * an {@link InvalidRecordException} instead of an allocation of that size. Decoding a record
 * therefore never allocates much more than the record itself, whatever its bytes declare.
 *
 * @param <T> the generated record class
 */
public final class SingleObjectCodec<T extends SpecificRecord> {
    /** Most items one array or map may hold; more is refused (tiny items decode into many objects). */
    public static final int MAX_COLLECTION_ITEMS = 10_000;
    private static final int HEADER_BYTES = 10;
    /** Largest encode buffer a thread keeps between records. */
    private static final int KEPT_BUFFER_BYTES = 8 * 1024 * 1024;
    private static final ThreadLocal<ExposedBytes> BUFFERS = ThreadLocal.withInitial(ExposedBytes::new);

    private final Schema schema;
    private final Map<Long, Schema> writers = new HashMap<>();
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    /**
     * @param schema          the current schema of {@code T} (its {@code SCHEMA$})
     * @param previousSchemas older writer schemas that readers must still resolve
     */
    public SingleObjectCodec(Schema schema, List<Schema> previousSchemas) {
        this.schema = schema;
        final SpecificData model = SpecificData.getForSchema(schema);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema);
        previousSchemas.forEach(decoder::addSchema);
        writers.put(SchemaNormalization.parsingFingerprint64(schema), schema);
        previousSchemas.forEach(s -> writers.put(SchemaNormalization.parsingFingerprint64(s), s));
    }

    public Schema schema() {
        return schema;
    }

    /**
     * Encodes into a buffer this thread keeps for the next record (up to {@value #KEPT_BUFFER_BYTES}
     * bytes), so the only allocation per record is the returned array.
     */
    public byte[] encode(T record) {
        final ExposedBytes out = BUFFERS.get();
        out.reset();
        try {
            encoder.encode(record, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + schema.getFullName(), e);
        } finally {
            if (out.capacity() > KEPT_BUFFER_BYTES) {
                BUFFERS.remove();
            }
        }
    }

    /** A byte stream that says how much it holds allocated. */
    private static final class ExposedBytes extends ByteArrayOutputStream {
        ExposedBytes() {
            super(64 * 1024);
        }

        int capacity() {
            return buf.length;
        }
    }

    /**
     * @throws InvalidRecordException when the bytes are not a single-object record of a known
     *                                writer schema, or are truncated or corrupt, or declare a
     *                                length, count or nesting they cannot hold
     */
    public T decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidRecordException("empty record, expected a single-object encoded " + schema.getName());
        }
        if (bytes.length < HEADER_BYTES || (bytes[0] & 0xff) != 0xc3 || bytes[1] != 0x01) {
            throw new InvalidRecordException("not a single-object encoded " + schema.getName()
                    + ": no C3 01 header followed by an 8-byte fingerprint");
        }
        final long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        final Schema writer = writers.get(fingerprint);
        if (writer == null) {
            throw new InvalidRecordException("not a " + schema.getName() + ": unknown writer schema fingerprint "
                    + String.format("%016x", fingerprint));
        }
        BoundedBody.check(writer, bytes, HEADER_BYTES, MAX_COLLECTION_ITEMS);
        try {
            return decoder.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new InvalidRecordException(
                    "not a single-object encoded " + schema.getName() + ": " + e.getMessage(), e);
        }
    }
}
