package dev.framelift.enhancer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnhancerConfigTest {
    @Test
    void shouldDocumentEveryKeyInBothReadmes() throws IOException {
        String table = EnhancerConfig.markdownTable();
        assertThat(Files.readString(Path.of("README.md")))
                .as("enhancer/README.md is stale: paste `./framelift config --markdown`").contains(table);
        assertThat(Files.readString(Path.of("..", "README.md")))
                .as("README.md is stale: paste `./framelift config --markdown`").contains(table);
    }

    @Test
    void shouldPassKafkaPrefixedSettingsThroughWithoutThePrefix() {
        EnhancerConfig config = new EnhancerConfig(Map.of("kafka.security.protocol", "SASL_SSL",
                EnhancerConfig.BATCH_MAX_SIZE, "16"));
        assertThat(config.kafkaOverrides()).containsEntry("security.protocol", "SASL_SSL").hasSize(1);
        assertThat(config.batching().maxBatch()).isEqualTo(16);
    }

    @Test
    void shouldSelfEnsembleOnlySuperResolutionTasks() {
        assertThat(new EnhancerConfig(Map.of()).batching().selfEnsemble()).isEmpty();
        assertThat(new EnhancerConfig(Map.of(EnhancerConfig.INFERENCE_SELF_ENSEMBLE, "sr-x2,sr-x4-perceptual")).batching()
                .selfEnsemble()).containsExactlyInAnyOrder("sr-x2", "sr-x4-perceptual");
        assertThatThrownBy(() -> new EnhancerConfig(Map.of(EnhancerConfig.INFERENCE_SELF_ENSEMBLE, "sr-x2,colorize")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(EnhancerConfig.INFERENCE_SELF_ENSEMBLE);
    }

    @Test
    void shouldGiveRejectedFramesRoomForTheLargestRawRecord() {
        EnhancerConfig config = new EnhancerConfig(Map.of(EnhancerConfig.MESSAGE_MAX_BYTES, String.valueOf(4 << 20)));
        assertThat(config.rejectedMessageMaxBytes()).isEqualTo((4 << 20) + (1 << 20));
    }

    @Test
    void shouldBoundEveryKeyWithAValidator() {
        for (ConfigDef.ConfigKey key : EnhancerConfig.DEFINITION.configKeys().values()) {
            assertThat(key.validator).as("validator of " + key.name).isNotNull();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "bootstrap.servers | ''",
            "bootstrap.servers | kafka-1",
            "bootstrap.servers | kafka-1:99999",
            "application.id | has space",
            "models.dir | '   '",
            "stream.threads | 0",
            "stream.threads | 100000",
            "batch.max.size | 0",
            "batch.max.wait.ms | -1",
            "batch.queue.capacity | 0",
            "frame.max.bytes | 10",
            "image.max.side | 1000000",
            "image.max.pixels | 99999999999",
            "message.max.bytes | 2147483647",
            "output.encoding | gif",
            "topic.partitions | 0",
            "topic.replication.factor | 0",
            "commit.interval.ms | 0",
            "state.dir | ''",
            "tf.intra.op.threads | -1",
            "tf.inter.op.threads | many",
    })
    void shouldRefuseAnOutOfBoundsValueNamingTheKey(String key, String value) {
        assertThatThrownBy(() -> new EnhancerConfig(Map.of(key, value))).isInstanceOf(ConfigException.class)
                .hasMessageContaining(key);
    }

    @Test
    void shouldAcceptTheOutputEncodingInAnyCase() {
        assertThat(new EnhancerConfig(Map.of(EnhancerConfig.OUTPUT_ENCODING, "jpeg")).outputEncoding().name())
                .isEqualTo("JPEG");
    }

    @Test
    void shouldTreatPasswordsAndJaasConfigsAsSecrets() {
        assertThat(SecretKeys.isSecret("kafka.sasl.jaas.config")).isTrue();
        assertThat(SecretKeys.isSecret("kafka.ssl.truststore.password")).isTrue();
        assertThat(SecretKeys.isSecret("kafka.producer.ssl.key.password")).isTrue();
        assertThat(SecretKeys.isSecret("kafka.listener.name.client.scram-sha-256.sasl.jaas.config")).isTrue();
        assertThat(SecretKeys.isSecret("kafka.sasl.oauthbearer.client.credentials.client.secret")).isTrue();
        assertThat(SecretKeys.isSecret("kafka.security.protocol")).isFalse();
        assertThat(SecretKeys.isSecret("kafka.ssl.truststore.location")).isFalse();
        assertThat(SecretKeys.isSecret("batch.max.size")).isFalse();
        assertThat(SecretKeys.printable("kafka.sasl.jaas.config", "x required password=\"p\";")).isEqualTo(SecretKeys.MASK);
    }
}
