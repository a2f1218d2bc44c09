package dev.framelift.enhancer.replay;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.LongConsumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.framelift.enhancer.config.ClientSettings;
import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.enhancer.kafka.CommittedReader;
import dev.framelift.enhancer.pipeline.Payloads;
import dev.framelift.schema.RejectedFrame;
import dev.framelift.schema.Topics;
import dev.framelift.schema.serde.FrameLiftSerdes;

/**
 * Sends dead letters back: reads {@code frames.rejected} to its current end and re-submits the
 * original key and bytes of each one the {@link ReplayFilter} selects to {@code frames.raw}, in
 * the order they were rejected (so per stream in input order), exactly once over any number of
 * runs.
 *
 * <p>Exactly once: each replayed frame and its {@link ReplayLog} marker are written in one
 * transaction of the producer {@value #TRANSACTIONAL_ID}. A run first initialises that producer,
 * which fences an older run still going and settles whatever transaction it left open, then
 * reads the committed markers, and skips every dead letter that has one. A crash aborts the
 * open transaction: its frames were not sent and have no marker. Two runs at once: the second
 * fences the first, whose next commit fails. Replayed records carry a
 * {@value #REPLAYED_FROM_HEADER} header naming the dead letter.
 */
public final class DeadLetterReplay {
    public static final String TRANSACTIONAL_ID = "framelift-replay";
    public static final String REPLAYED_FROM_HEADER = "framelift.replayed-from";
    private static final int MAX_RECORDS_PER_TRANSACTION = 100;
    private static final long MAX_BYTES_PER_TRANSACTION = 32L << 20;

    /** What a run found and did; with {@code dryRun}, {@code sent} counts what it would have sent. */
    public record Summary(long scanned, long matched, long sent, long replayedBefore, long withoutBytes, long unreadable,
            boolean dryRun) {
    }

    private final EnhancerConfig config;
    private final ReplayFilter filter;

    public DeadLetterReplay(EnhancerConfig config, ReplayFilter filter) {
        this.config = config;
        this.filter = filter;
    }

    /**
     * @param scanned called with the number of dead letters read so far
     * @throws IllegalStateException when {@code frames.rejected} does not exist or another replay took over
     */
    public Summary run(boolean dryRun, LongConsumer scanned) throws ExecutionException, InterruptedException {
        final Uuid topicId = prepare(dryRun);
        final Properties consumer = ClientSettings.consumer(config);
        consumer.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, config.rejectedMessageMaxBytes());
        try (KafkaProducer<byte[], byte[]> producer = dryRun ? null : producer()) {
            if (producer != null) {
                producer.initTransactions();
            }
            final Run run = new Run(producer, ReplayLog.read(consumer), topicId, scanned);
            CommittedReader.readAll(consumer, Topics.REJECTED, run::consider);
            run.flush();
            return new Summary(run.scanned, run.matched, run.sent, run.replayedBefore, run.withoutBytes, run.unreadable, dryRun);
        } catch (ProducerFencedException e) {
            throw new IllegalStateException("another framelift replay started and took over; this run stopped");
        }
    }

    private Uuid prepare(boolean dryRun) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(ClientSettings.admin(config))) {
            final Uuid id = admin.describeTopics(List.of(Topics.REJECTED)).allTopicNames().get().get(Topics.REJECTED).topicId();
            if (!dryRun) {
                ReplayLog.ensureTopic(admin, config.getShort(EnhancerConfig.TOPIC_REPLICATION));
            }
            return id;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new IllegalStateException("there is no " + Topics.REJECTED + " at " + config.bootstrapServers()
                        + ": nothing was ever rejected there");
            }
            throw e;
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        final Properties p = ClientSettings.producer(config);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, TRANSACTIONAL_ID);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, config.messageMaxBytes());
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(64L << 20, 2L * config.messageMaxBytes()));
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** One pass over the dead letters, sending in bounded transactions. */
    private final class Run {
        private final KafkaProducer<byte[], byte[]> producer;
        private final Set<String> markers;
        private final Uuid topicId;
        private final LongConsumer progress;
        private final List<ProducerRecord<byte[], byte[]>> pending = new ArrayList<>();
        private long pendingBytes;
        private long scanned;
        private long matched;
        private long sent;
        private long replayedBefore;
        private long withoutBytes;
        private long unreadable;

        Run(KafkaProducer<byte[], byte[]> producer, Set<String> markers, Uuid topicId, LongConsumer progress) {
            this.producer = producer;
            this.markers = markers;
            this.topicId = topicId;
            this.progress = progress;
        }

        void consider(ConsumerRecord<byte[], byte[]> record) {
            progress.accept(++scanned);
            final RejectedFrame rejected;
            try {
                rejected = FrameLiftSerdes.rejectedCodec().decode(record.value());
            } catch (RuntimeException e) {
                unreadable++;
                return;
            }
            if (!filter.matches(rejected)) {
                return;
            }
            matched++;
            final String marker = ReplayLog.marker(topicId, record.partition(), record.offset());
            if (markers.contains(marker)) {
                replayedBefore++;
            } else if (rejected.getOriginalValue() == null) {
                withoutBytes++;
            } else if (producer == null) {
                sent++;
            } else {
                queue(rejected, marker);
            }
        }

        private void queue(RejectedFrame rejected, String marker) {
            final byte[] key = rejected.getOriginalKey() == null ? null : Payloads.bytes(rejected.getOriginalKey());
            final byte[] value = Payloads.bytes(rejected.getOriginalValue());
            final ProducerRecord<byte[], byte[]> frame = new ProducerRecord<>(Topics.RAW, key, value);
            frame.headers().add(REPLAYED_FROM_HEADER, marker.getBytes(StandardCharsets.UTF_8));
            pending.add(frame);
            pending.add(new ProducerRecord<>(Topics.REPLAYED, marker.getBytes(StandardCharsets.UTF_8),
                    ("replayed to " + Topics.RAW + " at " + Instant.now()).getBytes(StandardCharsets.UTF_8)));
            pendingBytes += value.length;
            if (pending.size() >= 2 * MAX_RECORDS_PER_TRANSACTION || pendingBytes >= MAX_BYTES_PER_TRANSACTION) {
                flush();
            }
        }

        void flush() {
            if (producer == null || pending.isEmpty()) {
                return;
            }
            producer.beginTransaction();
            try {
                pending.forEach(producer::send);
                producer.commitTransaction();
            } catch (ProducerFencedException e) {
                throw e;
            } catch (KafkaException e) {
                producer.abortTransaction();
                throw e;
            }
            sent += pending.size() / 2;
            pending.clear();
            pendingBytes = 0;
        }
    }
}
