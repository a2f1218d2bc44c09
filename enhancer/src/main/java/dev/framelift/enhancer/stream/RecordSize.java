package dev.framelift.enhancer.stream;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * An upper bound of the bytes one record takes on the broker, what a topic's
 * {@code max.message.bytes} limits: a record batch of Kafka's v2 format holding this record
 * alone, uncompressed (the enhancer's producers do not compress). The batch header is
 * {@value #BATCH_OVERHEAD} bytes; the record adds its length, attributes, timestamp and offset
 * deltas, and a varint length before the key, the value, the header count and each header's key
 * and value, counted here at their widest.
 */
final class RecordSize {
    static final int BATCH_OVERHEAD = 61;
    private static final int VARINT = 5;
    private static final int VARLONG = 10;

    private RecordSize() {
    }

    static long upperBound(byte[] key, byte[] value, Headers headers) {
        long size = BATCH_OVERHEAD + VARINT + 1 + VARLONG + VARINT
                + VARINT + (key == null ? 0 : key.length)
                + VARINT + (value == null ? 0 : value.length)
                + VARINT;
        if (headers != null) {
            for (Header header : headers) {
                size += VARINT + header.key().getBytes(StandardCharsets.UTF_8).length
                        + VARINT + (header.value() == null ? 0 : header.value().length);
            }
        }
        return size;
    }
}
