package dev.framelift.schema.serde;

import java.util.List;

import org.apache.avro.Schema;

/**
 * Walks an Avro binary body against its writer schema without building anything, so that a
 * hostile record is refused before Avro allocates for it. Every length (string, bytes) and every
 * block count (array, map) is checked against the bytes that remain in the record; a count is
 * also refused when its items could not fit in those bytes even at their smallest encoding, or
 * when a collection holds more than {@code maxItems} items (a record of tiny items decodes into
 * many objects: a 16 MiB map of empty strings would become millions of Java objects).
 *
 * <p>Avro itself trusts a declared length and allocates it: 15 bytes declaring a 2 GiB string
 * become a 2 GiB array (or an {@code OutOfMemoryError}), and a map block count of 2^31 sizes a
 * hash table for 2^31 entries. After this walk, no length Avro reads can exceed the record, so
 * the decoder allocates at most a small multiple of the record's size.
 *
 * <p>Also refused: varints longer than their type allows, union branches and enum symbols out
 * of range, nesting deeper than {@value #MAX_DEPTH}, and bytes left after the record. Not
 * thread-safe: one instance per walk.
 */
final class BoundedBody {
    static final int MAX_DEPTH = 64;

    private final byte[] bytes;
    private final int end;
    private final int maxItems;
    private int pos;
    private int depth;

    private BoundedBody(byte[] bytes, int start, int maxItems) {
        this.bytes = bytes;
        this.pos = start;
        this.end = bytes.length;
        this.maxItems = maxItems;
    }

    /**
     * @param writer the schema the body was written with
     * @param start where the body begins (after the single-object header)
     * @param maxItems most items one array or map may hold, over all its blocks
     * @throws InvalidRecordException naming the field and what it declares, when the body cannot
     *     be the record it claims to be
     */
    static void check(Schema writer, byte[] bytes, int start, int maxItems) {
        final BoundedBody body = new BoundedBody(bytes, start, maxItems);
        body.value(writer, writer.getName());
        if (body.pos != body.end) {
            throw new InvalidRecordException((body.end - body.pos) + " byte(s) left after the end of the "
                    + writer.getName() + " record");
        }
    }

    private void value(Schema schema, String path) {
        switch (schema.getType()) {
            case NULL -> { }
            case BOOLEAN -> skip(1, path);
            case INT -> varint(5, path);
            case LONG -> varint(10, path);
            case FLOAT -> skip(4, path);
            case DOUBLE -> skip(8, path);
            case FIXED -> skip(schema.getFixedSize(), path);
            case STRING, BYTES -> skip(length(path, schema.getType() == Schema.Type.STRING ? "a string" : "bytes"), path);
            case ENUM -> index(schema.getEnumSymbols().size(), path, "enum symbol");
            case UNION -> {
                final List<Schema> branches = schema.getTypes();
                nested(branches.get(index(branches.size(), path, "union branch")), path);
            }
            case RECORD -> {
                for (Schema.Field field : schema.getFields()) {
                    nested(field.schema(), path + "." + field.name());
                }
            }
            case ARRAY -> collection(schema.getElementType(), false, path);
            case MAP -> collection(schema.getValueType(), true, path);
        }
    }

    private void nested(Schema schema, String path) {
        if (++depth > MAX_DEPTH) {
            throw new InvalidRecordException(path + " nests deeper than " + MAX_DEPTH + " levels");
        }
        value(schema, path);
        depth--;
    }

    private void collection(Schema item, boolean map, String path) {
        final long minItemBytes = minBytes(item, 0) + (map ? 1 : 0);
        long items = 0;
        while (true) {
            long count = zigzag(varint(10, path));
            if (count == 0) {
                return;
            }
            if (count < 0) {
                // a negative count is followed by the block's size in bytes
                count = -count;
                final long size = zigzag(varint(10, path));
                if (size < 0 || size > remaining()) {
                    throw tooLong(path, "a block of " + size + " bytes");
                }
            }
            if (count < 0 || count > maxItems - items) {
                throw new InvalidRecordException(path + " declares " + (count < 0 ? "2^63" : items + count)
                        + " items, more than the " + maxItems + " a " + (map ? "map" : "array") + " may hold");
            }
            items += count;
            if (minItemBytes > 0 && count > remaining() / minItemBytes) {
                throw tooLong(path, count + " items of at least " + minItemBytes + " byte(s) each");
            }
            for (long i = 0; i < count; i++) {
                if (map) {
                    skip(length(path, "a key"), path);
                }
                nested(item, path + "[]");
            }
        }
    }

    /** The fewest bytes any value of {@code schema} encodes to. */
    private static long minBytes(Schema schema, int depth) {
        if (depth > MAX_DEPTH) {
            return 0;
        }
        return switch (schema.getType()) {
            case NULL -> 0;
            case BOOLEAN, INT, LONG, STRING, BYTES, ENUM, UNION, ARRAY, MAP -> 1;
            case FLOAT -> 4;
            case DOUBLE -> 8;
            case FIXED -> schema.getFixedSize();
            case RECORD -> {
                long sum = 0;
                for (Schema.Field field : schema.getFields()) {
                    sum += minBytes(field.schema(), depth + 1);
                }
                yield sum;
            }
        };
    }

    private int length(String path, String what) {
        final long length = zigzag(varint(10, path));
        if (length < 0) {
            throw new InvalidRecordException(path + " declares " + what + " of negative length " + length);
        }
        if (length > remaining()) {
            throw tooLong(path, what + " of " + length + " bytes");
        }
        return (int) length;
    }

    private int index(int size, String path, String what) {
        final long index = zigzag(varint(5, path));
        if (index < 0 || index >= size) {
            throw new InvalidRecordException(path + " selects " + what + " " + index + " of " + size);
        }
        return (int) index;
    }

    /** Reads a varint of at most {@code maxBytes} bytes; returns it still zig-zag encoded. */
    private long varint(int maxBytes, String path) {
        long value = 0;
        for (int i = 0; i < maxBytes; i++) {
            if (pos >= end) {
                throw truncated(path);
            }
            final int b = bytes[pos++] & 0xff;
            value |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new InvalidRecordException(path + " holds a varint longer than " + maxBytes + " bytes");
    }

    private static long zigzag(long n) {
        return (n >>> 1) ^ -(n & 1);
    }

    private void skip(long n, String path) {
        if (n > remaining()) {
            throw truncated(path);
        }
        pos += (int) n;
    }

    private int remaining() {
        return end - pos;
    }

    private InvalidRecordException truncated(String path) {
        return new InvalidRecordException("record truncated in " + path + " (" + bytes.length + " bytes in all)");
    }

    private InvalidRecordException tooLong(String path, String declared) {
        return new InvalidRecordException(path + " declares " + declared + " but only " + remaining()
                + " byte(s) of the " + bytes.length + "-byte record remain");
    }
}
