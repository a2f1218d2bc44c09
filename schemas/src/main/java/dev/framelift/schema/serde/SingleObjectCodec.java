package dev.framelift.schema.serde;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes and decodes one generated Avro class in the single-object format. Thread-safe: the
 * Avro message encoder and decoder keep per-thread buffers.
 *
 * @param <T> the generated record class
 */
public final class SingleObjectCodec<T extends SpecificRecord> {
    private final Schema schema;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    /**
     * @param schema          the current schema of {@code T} (its {@code SCHEMA$})
     * @param previousSchemas older writer schemas that readers must still resolve
     */
    public SingleObjectCodec(Schema schema, List<Schema> previousSchemas) {
        this.schema = schema;
        SpecificData model = SpecificData.getForSchema(schema);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema);
        previousSchemas.forEach(decoder::addSchema);
    }

    public Schema schema() {
        return schema;
    }

    public byte[] encode(T record) {
        try {
            ByteBuffer buffer = encoder.encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + schema.getFullName(), e);
        }
    }

    /**
     * @throws InvalidRecordException when the bytes are not a single-object record of a known
     *                                writer schema, or are truncated or corrupt
     */
    public T decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidRecordException("empty record, expected a single-object encoded " + schema.getName());
        }
        try {
            return decoder.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new InvalidRecordException(
                    "not a single-object encoded " + schema.getName() + ": " + e.getMessage(), e);
        }
    }
}
