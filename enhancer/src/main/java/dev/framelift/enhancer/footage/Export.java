package dev.framelift.enhancer.footage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;

import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.enhancer.image.ImageCodec;
import dev.framelift.enhancer.image.ImageLimits;
import dev.framelift.enhancer.pipeline.Payloads;
import dev.framelift.enhancer.reject.FrameRejectedException;
import dev.framelift.model.Image;
import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Frame;
import dev.framelift.schema.RejectedFrame;
import dev.framelift.schema.Topics;
import dev.framelift.schema.serde.FrameLiftSerdes;
import dev.framelift.schema.serde.InvalidRecordException;

/**
 * Reassembles one stream of {@code frames.enhanced} into a {@link FrameSink}, in sequence order.
 *
 * <p><b>Reading.</b> The stream's records all live in one partition per topic (the key's
 * murmur2 hash, as the producer and Kafka Streams place them), so the export assigns exactly
 * those partitions, read_committed, with no consumer group and no commits: it never disturbs
 * other consumers and can be rerun at will. It also reads the stream's partition of
 * {@code frames.rejected}, to say why a frame is missing, and for {@code --side-by-side} that of
 * {@code frames.raw}: the input is not part of an {@code EnhancedFrame} (carrying it would grow
 * every output record for a view few people want), and {@code frames.raw} is the exact input the
 * enhancer saw. Raw frames wait in a bounded buffer until their enhanced frame arrives.
 *
 * <p><b>Gaps.</b> A sequence number that is skipped is reported (with the rejection reason when
 * {@code frames.rejected} has one) and, in a video, filled by holding the previous frame so that
 * the timing stays true; a folder of PNGs simply lacks those numbers. A sequence number seen
 * again (a stream id reused by a second ingest) is skipped and counted.
 *
 * <p><b>Ending.</b> After the frame marked {@link FrameAttributes#STREAM_END} (enhanced or
 * rejected), after {@code untilIdle} without a new record of the stream, or on {@link #stop}.
 * The sink is closed in every case, so a video is always finished and playable.
 */
public final class Export {
    /** What to export and how. */
    public record Options(String streamId, boolean fromBeginning, boolean sideBySide, Duration untilIdle,
            double fps) {
    }

    /** Where a run reports. */
    public interface Listener {
        void written(long frames, long sequence);

        void notice(String line);
    }

    /** What a run did. */
    public record Summary(long written, long missing, long duplicates, boolean reachedEnd, List<String> gaps) {
    }

    /** Frame rate of a video when neither the frames nor the command line give one. */
    public static final double DEFAULT_FPS = 25;
    private static final int RAW_BUFFER = 512;

    private final EnhancerConfig config;
    private final ImageCodec codec;
    private volatile boolean stopping;

    public Export(EnhancerConfig config) {
        this.config = config;
        this.codec = new ImageCodec(new ImageLimits(config.rejectedMessageMaxBytes(), 1 << 16, 1L << 29));
    }

    /** Ends the run at the next poll (at most a fraction of a second); the sink is still finished. */
    public void stop() {
        stopping = true;
    }

    /**
     * Runs until the stream ends, goes idle, or {@link #stop}. Closes the sink it opens.
     *
     * @param sinks opens the sink once the first frame tells the frame rate
     */
    public Summary run(Options options, SinkFactory sinks, Listener listener) throws IOException {
        final Run run = new Run(options, sinks, listener);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ClientSettings.consumer(config),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            run.consume(consumer);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new FootageException("cannot read from " + config.bootstrapServers() + ": " + e.getMessage(), e);
        } finally {
            run.finish();
        }
        return run.summary();
    }

    /** Opens the sink for a stream's frame rate. */
    public interface SinkFactory {
        FrameSink open(double fps) throws IOException;
    }

    /** The state of one run. */
    private final class Run {
        private final Options options;
        private final SinkFactory sinks;
        private final Listener listener;
        private final byte[] key;
        private final ArrayDeque<EnhancedFrame> pending = new ArrayDeque<>();
        private final TreeMap<Long, Frame> raw = new TreeMap<>();
        private final TreeMap<Long, String> rejected = new TreeMap<>();
        private final List<long[]> gaps = new ArrayList<>();
        private TopicPartition enhancedTp;
        private TopicPartition rawTp;
        private boolean rawStarted;
        private FrameSink sink;
        private Long next;
        private Long endSequence;
        private long written;
        private long missing;
        private long duplicates;
        private boolean reachedEnd;
        private boolean warnedNoInput;

        Run(Options options, SinkFactory sinks, Listener listener) {
            this.options = options;
            this.sinks = sinks;
            this.listener = listener;
            this.key = options.streamId().getBytes(StandardCharsets.UTF_8);
        }

        void consume(KafkaConsumer<byte[], byte[]> consumer) throws IOException {
            enhancedTp = partition(consumer, Topics.ENHANCED);
            final TopicPartition rejectedTp = partition(consumer, Topics.REJECTED);
            final List<TopicPartition> assigned = new ArrayList<>(List.of(enhancedTp, rejectedTp));
            if (options.sideBySide()) {
                rawTp = partition(consumer, Topics.RAW);
                assigned.add(rawTp);
            }
            consumer.assign(assigned);
            if (options.fromBeginning()) {
                consumer.seekToBeginning(assigned);
                rawStarted = true;
            } else {
                consumer.seekToEnd(assigned);
                if (rawTp != null) {
                    // started at the first enhanced frame's timestamp, which Kafka Streams copies from its input
                    consumer.pause(List.of(rawTp));
                }
            }
            long lastActivity = System.nanoTime();
            while (!stopping && !reachedEnd) {
                boolean active = false;
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && Arrays.equals(record.key(), key)) {
                        active = true;
                        accept(consumer, record);
                    }
                }
                drain(consumer, false);
                flowControl(consumer);
                if (endSequence != null && next != null && next > endSequence) {
                    reachedEnd = true;
                }
                final long now = System.nanoTime();
                if (active) {
                    lastActivity = now;
                } else if (options.untilIdle() != null && now - lastActivity > options.untilIdle().toNanos()) {
                    listener.notice("no new frame of stream '" + options.streamId() + "' for "
                            + options.untilIdle().toSeconds() + " s: finishing");
                    break;
                }
            }
        }

        private TopicPartition partition(KafkaConsumer<byte[], byte[]> consumer, String topic) throws FootageException {
            final int partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).size();
            if (partitions == 0) {
                throw new FootageException("topic " + topic + " does not exist at " + config.bootstrapServers());
            }
            return new TopicPartition(topic, Utils.toPositive(Utils.murmur2(key)) % partitions);
        }

        private void accept(KafkaConsumer<byte[], byte[]> consumer, ConsumerRecord<byte[], byte[]> record) {
            try {
                switch (record.topic()) {
                    case Topics.ENHANCED -> {
                        final EnhancedFrame frame = FrameLiftSerdes.enhancedCodec().decode(record.value());
                        if ("true".equals(frame.getAttributes().get(FrameAttributes.STREAM_END))) {
                            endSequence = frame.getSequence();
                        }
                        if (rawTp != null && !rawStarted) {
                            startRawAt(consumer, record.timestamp());
                        }
                        pending.add(frame);
                    }
                    case Topics.RAW -> {
                        final Frame frame = FrameLiftSerdes.frameCodec().decode(record.value());
                        if (next == null || frame.getSequence() >= next) {
                            raw.put(frame.getSequence(), frame);
                        }
                    }
                    default -> rejected(FrameLiftSerdes.rejectedCodec().decode(record.value()));
                }
            } catch (InvalidRecordException e) {
                listener.notice("skipped an undecodable record at " + record.topic() + "-" + record.partition() + "@"
                        + record.offset() + ": " + e.getMessage());
            }
        }

        private void rejected(RejectedFrame frame) {
            if (frame.getSequence() == null) {
                return;
            }
            rejected.put(frame.getSequence(), frame.getReason() + ": " + frame.getMessage());
            if (frame.getOriginalValue() != null) {
                try {
                    final Frame original = FrameLiftSerdes.frameCodec().decode(Payloads.bytes(frame.getOriginalValue()));
                    if ("true".equals(original.getAttributes().get(FrameAttributes.STREAM_END))) {
                        endSequence = frame.getSequence();
                    }
                } catch (InvalidRecordException e) {
                    // rejected because it was not a Frame: nothing more to learn
                }
            }
        }

        private void startRawAt(KafkaConsumer<byte[], byte[]> consumer, long timestamp) {
            final Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(Map.of(rawTp, timestamp));
            final OffsetAndTimestamp at = found.get(rawTp);
            if (at != null) {
                consumer.seek(rawTp, at.offset());
            } else {
                consumer.seekToEnd(List.of(rawTp));
            }
            consumer.resume(List.of(rawTp));
            rawStarted = true;
        }

        /** Writes pending frames whose input is at hand (or known to be unavailable); all of them when finishing. */
        private void drain(KafkaConsumer<byte[], byte[]> consumer, boolean finishing) throws IOException {
            while (!pending.isEmpty()) {
                final EnhancedFrame head = pending.peek();
                Frame input = null;
                if (rawTp != null) {
                    input = raw.remove(head.getSequence());
                    if (input == null && !finishing && !inputUnavailable(consumer, head.getSequence())) {
                        return;
                    }
                }
                pending.poll();
                write(head, input);
            }
        }

        private boolean inputUnavailable(KafkaConsumer<byte[], byte[]> consumer, long sequence) {
            if (!raw.isEmpty() && raw.firstKey() > sequence) {
                return true;
            }
            if (raw.size() >= RAW_BUFFER) {
                return true;
            }
            final OptionalLong lag = consumer.currentLag(rawTp);
            return rawStarted && lag.isPresent() && lag.getAsLong() == 0;
        }

        private void flowControl(KafkaConsumer<byte[], byte[]> consumer) {
            if (rawTp == null || !rawStarted) {
                return;
            }
            if (raw.size() >= RAW_BUFFER) {
                consumer.pause(List.of(rawTp));
            } else if (raw.size() < RAW_BUFFER / 2) {
                consumer.resume(List.of(rawTp));
            }
        }

        private void write(EnhancedFrame frame, Frame input) throws IOException {
            final long sequence = frame.getSequence();
            if (next == null) {
                next = sequence;
                double fps = options.fps() > 0 ? options.fps() : FrameAttributes.frameRate(frame.getAttributes());
                if (!(fps > 0)) {
                    fps = DEFAULT_FPS;
                    listener.notice("the frames carry no frame rate (attribute " + FrameAttributes.FRAME_RATE
                            + "); using " + DEFAULT_FPS + " fps (set one with --fps)");
                }
                sink = sinks.open(fps);
            }
            if (sequence < next) {
                duplicates++;
                return;
            }
            if (sequence > next) {
                gap(next, sequence - 1);
            }
            final Image enhanced = decode(frame.getEncoding(), frame.getPayload(), frame.getWidth(), frame.getHeight(), sequence);
            Image image = enhanced;
            if (rawTp != null) {
                final Image before = input == null ? null : decode(input.getEncoding(), input.getPayload(), input.getWidth(),
                        input.getHeight(), sequence);
                if (before == null && !warnedNoInput) {
                    warnedNoInput = true;
                    listener.notice("the input of frame " + sequence + " is not on " + Topics.RAW
                            + " (deleted, or sent before the export started): its left half is gray");
                }
                image = SideBySide.compose(before, enhanced);
            }
            sink.write(sequence, image);
            written++;
            next = sequence + 1;
            raw.headMap(next).clear();
            listener.written(written, sequence);
        }

        private void gap(long from, long to) throws IOException {
            final long count = to - from + 1;
            missing += count;
            gaps.add(new long[] {from, to});
            listener.notice("gap: frame" + (count > 1 ? "s " + from + "-" + to : " " + from) + " missing"
                    + reason(from, to));
            for (long i = 0; i < count; i++) {
                sink.repeatLast();
            }
        }

        private String reason(long from, long to) {
            final Map.Entry<Long, String> why = rejected.ceilingEntry(from);
            return why != null && why.getKey() <= to ? " (rejected: " + why.getValue() + ")" : "";
        }

        private Image decode(dev.framelift.schema.Encoding encoding, java.nio.ByteBuffer payload, int w, int h,
                long sequence) throws FootageException {
            try {
                return codec.decode(encoding, Payloads.bytes(payload), w, h);
            } catch (FrameRejectedException e) {
                throw new FootageException("cannot decode frame " + sequence + " of stream '" + options.streamId()
                        + "': " + e.getMessage(), e);
            }
        }

        void finish() throws IOException {
            try {
                if (sink != null || !pending.isEmpty()) {
                    drain(null, true);
                }
            } finally {
                if (sink != null) {
                    sink.close();
                }
            }
        }

        Summary summary() {
            final List<String> lines = new ArrayList<>();
            for (long[] gap : gaps) {
                lines.add((gap[0] == gap[1] ? "frame " + gap[0] : "frames " + gap[0] + "-" + gap[1])
                        + reason(gap[0], gap[1]));
            }
            return new Summary(written, missing, duplicates, reachedEnd, lines);
        }
    }
}
