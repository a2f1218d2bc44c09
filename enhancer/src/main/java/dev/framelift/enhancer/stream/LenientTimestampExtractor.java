package dev.framelift.enhancer.stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * The record's own timestamp, or, when it has none (negative: an old client, a hand-made
 * record), the partition's time so far, or the wall clock. Kafka Streams' default extractor
 * throws on such a record and stops the stream thread; the enhancer keeps no time-based state, so
 * any sensible time will do and the frame is enhanced like the others.
 */
public final class LenientTimestampExtractor implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.timestamp() >= 0) {
            return record.timestamp();
        }
        return partitionTime >= 0 ? partitionTime : System.currentTimeMillis();
    }
}
