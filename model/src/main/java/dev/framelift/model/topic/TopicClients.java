package dev.framelift.model.topic;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.framelift.schema.Topics;

/**
 * The clients the {@code models} writers share: an idempotent, acks=all producer with room for
 * one model per record, and the topic itself, created when missing as the enhancer creates it
 * (one partition, compacted), never left to a broker's auto-creation.
 */
final class TopicClients {
    private TopicClients() {
    }

    /** Creates the {@code models} topic if it does not exist: 1 partition, compacted, room for {@code maxRecordBytes}. */
    static void ensureModelsTopic(Map<String, Object> clientSettings, int maxRecordBytes) {
        final Properties p = new Properties();
        clientSettings.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                p.put(key, value);
            }
        });
        try (Admin admin = Admin.create(p)) {
            if (admin.listTopics().names().get().contains(Topics.MODELS)) {
                return;
            }
            final NewTopic topic = new NewTopic(Topics.MODELS, Optional.of(1), Optional.empty()).configs(Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(maxRecordBytes)));
            try {
                admin.createTopics(List.of(topic)).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create the " + Topics.MODELS + " topic: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the " + Topics.MODELS + " topic", e);
        }
    }

    static KafkaProducer<String, byte[]> producer(Map<String, Object> clientSettings, int maxRecordBytes) {
        final Properties p = new Properties();
        p.putAll(clientSettings);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRecordBytes);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(32L << 20, 2L * maxRecordBytes));
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }
}
