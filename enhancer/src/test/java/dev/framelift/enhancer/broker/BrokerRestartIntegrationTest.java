package dev.framelift.enhancer.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.enhancer.testing.KafkaTestClients;

/** A broker stopped and started again on the same directory is the same broker. */
class BrokerRestartIntegrationTest {
    private static final String TOPIC = "orders";
    private static final int LIMIT = 2 * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void shouldKeepTopicsOffsetsAndTransactionsWhenRestartedOnTheSameDirectory() throws Exception {
        String bootstrap;
        KafkaProducer<String, String> before;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, dir, LIMIT)) {
            bootstrap = broker.bootstrapServers();
            try (Admin admin = admin(bootstrap)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1)
                        .configs(Map.of("max.message.bytes", "123456")))).all().get();
            }
            before = transactionalProducer(bootstrap);
            before.initTransactions();
            before.beginTransaction();
            before.send(new ProducerRecord<>(TOPIC, "cam-1", "a0"));
            before.send(new ProducerRecord<>(TOPIC, "cam-1", "a1"));
            before.commitTransaction();
            before.beginTransaction();
            before.send(new ProducerRecord<>(TOPIC, "cam-1", "open-at-shutdown"));
            before.flush();
            try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
                assertThat(values(poll(consumer, 2))).containsExactly("a0", "a1");
                consumer.commitSync();
            }
        }
        before.close(Duration.ZERO);

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, dir, LIMIT)) {
            assertThat(broker.bootstrapServers()).as("same port as before").isEqualTo(bootstrap);
            try (Admin admin = admin(bootstrap)) {
                TopicDescription topic = admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC);
                assertThat(topic.partitions()).hasSize(2);
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
                assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource)
                        .get("max.message.bytes").value()).isEqualTo("123456");
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("readers")
                        .partitionsToOffsetAndMetadata().get();
                assertThat(offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum())
                        .as("committed offsets survived (two records, the open transaction not counted)")
                        .isGreaterThanOrEqualTo(2);
            }
            try (KafkaProducer<String, String> after = transactionalProducer(bootstrap)) {
                // the same transactional id: fences the old producer and aborts its open transaction
                after.initTransactions();
                after.beginTransaction();
                after.send(new ProducerRecord<>(TOPIC, "cam-1", "c0"));
                after.commitTransaction();
            }
            try (KafkaConsumer<String, String> group = consumer(bootstrap)) {
                assertThat(values(poll(group, 1))).as("the group resumes after its committed offset").containsExactly("c0");
            }
            try (KafkaConsumer<String, String> fresh = consumer(bootstrap, "fresh")) {
                assertThat(values(poll(fresh, 3))).containsExactly("a0", "a1", "c0");
            }
        }
    }

    private static List<ConsumerRecord<String, String>> poll(KafkaConsumer<String, String> consumer, int expected) {
        consumer.subscribe(List.of(TOPIC));
        return KafkaTestClients.drain(consumer, expected, Duration.ofSeconds(60));
    }

    private static List<String> values(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }

    private static Admin admin(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(p);
    }

    private static KafkaProducer<String, String> transactionalProducer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "restart-test");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        return consumer(bootstrap, "readers");
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap, String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }
}
