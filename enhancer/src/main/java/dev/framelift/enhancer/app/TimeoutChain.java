package dev.framelift.enhancer.app;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

import dev.framelift.enhancer.config.EnhancerConfig;

/**
 * The timeouts that must nest for a blocking {@code process()} to be safe under exactly-once:
 *
 * <pre>
 *   batch.max.wait.ms  &lt;  frame.deadline.ms  &lt;=  round budget = transaction.timeout.ms / 2
 *                                                   transaction.timeout.ms  &lt;  max.poll.interval.ms
 * </pre>
 *
 * <ul>
 * <li>A frame is rejected with {@code TIMEOUT} once its deadline passes, so one {@code process()}
 * returns within {@code frame.deadline.ms} plus the time to encode its result.</li>
 * <li>Kafka Streams may call {@code process()} for several records before it commits. So that
 * those calls together never outlive the transaction they write into, a stream thread also has a
 * round budget of half the transaction timeout: a frame's deadline is the earlier of its own and
 * the end of the budget, counted from the thread's last commit opportunity. A slow frame is then
 * rejected, not replayed: the transaction commits, and the producer is never fenced into a loop
 * of replaying the same slow frame.</li>
 * <li>Streams polls again once half of {@code max.poll.interval.ms} has passed, but only between
 * rounds; a round lasts at most the round budget, so the consumer stays in its group as long as
 * {@code max.poll.interval.ms} exceeds the transaction timeout.</li>
 * </ul>
 *
 * Defaults: the transaction timeout is 3 x {@code frame.deadline.ms} (60 s for the default 20 s),
 * {@code max.poll.interval.ms} the larger of 5 minutes and twice the transaction timeout. Either
 * can be set with {@code kafka.}; settings that break the chain are refused at start-up.
 *
 * @param frameDeadline a frame's own deadline
 * @param transactionTimeout the producers' {@code transaction.timeout.ms}
 * @param maxPollInterval the main consumer's {@code max.poll.interval.ms}
 */
public record TimeoutChain(Duration frameDeadline, Duration transactionTimeout, Duration maxPollInterval) {
    /** The default transaction timeout in frame deadlines. */
    static final int TRANSACTION_DEADLINES = 3;
    private static final long MIN_MAX_POLL_INTERVAL_MS = 300_000;

    /** How many milliseconds of round budget a stream thread has: half the transaction timeout. */
    public Duration roundBudget() {
        return transactionTimeout.dividedBy(2);
    }

    /** Our defaults for the Kafka side of the chain; the user's {@code kafka.} settings override them. */
    static Map<String, Object> kafkaDefaults(EnhancerConfig config) {
        final long deadline = config.getLong(EnhancerConfig.FRAME_DEADLINE_MS);
        final long transaction = TRANSACTION_DEADLINES * deadline;
        return Map.of(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) transaction,
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Math.max(MIN_MAX_POLL_INTERVAL_MS, 2 * transaction));
    }

    /**
     * Reads the values Kafka Streams will really use from its final properties and checks that
     * they nest.
     *
     * @throws ConfigException naming the settings and what to change, in one line
     */
    static TimeoutChain validate(EnhancerConfig config, Properties streamsProperties) {
        final StreamsConfig streams = new StreamsConfig(streamsProperties);
        final long deadline = config.getLong(EnhancerConfig.FRAME_DEADLINE_MS);
        final long maxWait = config.getLong(EnhancerConfig.BATCH_MAX_WAIT_MS);
        final long transaction = millis(streams.getProducerConfigs("timeout-check"), ProducerConfig.TRANSACTION_TIMEOUT_CONFIG);
        final long maxPoll = millis(streams.getMainConsumerConfigs("timeout-check", "timeout-check", 0),
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
        if (maxWait >= deadline) {
            throw new ConfigException(EnhancerConfig.BATCH_MAX_WAIT_MS + "=" + maxWait + " must be below "
                    + EnhancerConfig.FRAME_DEADLINE_MS + "=" + deadline + ", or frames would expire waiting for company");
        }
        if (transaction < 2 * deadline) {
            throw new ConfigException("transaction.timeout.ms=" + transaction + " must be at least 2 x "
                    + EnhancerConfig.FRAME_DEADLINE_MS + "=" + deadline + " (" + 2 * deadline
                    + "), or a slow frame could outlive its transaction; raise kafka.transaction.timeout.ms or lower "
                    + EnhancerConfig.FRAME_DEADLINE_MS);
        }
        if (maxPoll <= transaction) {
            throw new ConfigException("max.poll.interval.ms=" + maxPoll + " must be above transaction.timeout.ms="
                    + transaction + ", or a round of slow frames could drop the enhancer from its group; raise "
                    + "kafka.max.poll.interval.ms or lower kafka.transaction.timeout.ms");
        }
        return new TimeoutChain(Duration.ofMillis(deadline), Duration.ofMillis(transaction), Duration.ofMillis(maxPoll));
    }

    /** A client setting as Kafka will parse it: our defaults are numbers, the user's may be strings. */
    private static long millis(Map<String, Object> settings, String key) {
        final Object value = settings.get(key);
        try {
            return Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, value, "not a number of milliseconds");
        }
    }
}
