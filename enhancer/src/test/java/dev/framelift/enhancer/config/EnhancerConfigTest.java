package dev.framelift.enhancer.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

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
    void shouldGiveRejectedFramesRoomForTheLargestRawRecord() {
        EnhancerConfig config = new EnhancerConfig(Map.of(EnhancerConfig.MESSAGE_MAX_BYTES, String.valueOf(4 << 20)));
        assertThat(config.rejectedMessageMaxBytes()).isEqualTo((4 << 20) + (1 << 20));
    }
}
