package dev.framelift.enhancer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import dev.framelift.enhancer.config.EnhancerConfig;

/** Settings from the environment and files, secrets masked, mistakes answered in one line. */
class ConfigCommandTest {
    @Test
    void shouldReadKafkaSecretsFromTheEnvironment() throws IOException {
        EnhancerOptions options = new EnhancerOptions();

        EnhancerConfig config = options.toConfig(null, null, Map.of(), Map.of(
                "FRAMELIFT_KAFKA_SASL_JAAS_CONFIG", "ScramLoginModule required username=\"u\" password=\"p\";",
                "FRAMELIFT_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "FRAMELIFT_BATCH_MAX_SIZE", "8",
                "HOME", "/home/somebody"));

        assertThat(config.kafkaOverrides()).containsEntry("sasl.jaas.config", "ScramLoginModule required username=\"u\" password=\"p\";")
                .containsEntry("security.protocol", "SASL_SSL").hasSize(2);
        assertThat(config.batching().maxBatch()).isEqualTo(8);
    }

    @Test
    void shouldMaskPasswordsAndJaasConfigsWhenPrintingSettings(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "kafka.security.protocol=SASL_SSL\n"
                + "kafka.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username\\=\"alice\" password\\=\"s3cret\";\n"
                + "kafka.ssl.truststore.password=trust-me\n");

        Run run = run("config", "--config", file.toString());

        assertThat(run.exit).isZero();
        assertThat(run.out).contains("kafka.security.protocol=SASL_SSL", "kafka.sasl.jaas.config=[hidden]",
                "kafka.ssl.truststore.password=[hidden]").doesNotContain("s3cret", "trust-me");
    }

    @Test
    void shouldAnswerAnInvalidSettingInOneLineNamingTheKey() {
        Run run = run("config", "--set", "batch.max.size=0");

        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err.strip()).startsWith("framelift config: invalid setting:").contains("batch.max.size")
                .doesNotContain("\n").doesNotContain("at dev.framelift");
    }

    @Test
    void shouldRefuseAnExactlyOnceOverrideBeforeStarting() {
        Run run = run("run", "--bootstrap-servers", "127.0.0.1:1", "--set", "kafka.processing.guarantee=at_least_once");

        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err.strip()).contains("kafka.processing.guarantee").doesNotContain("\n");
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter err = new StringWriter();
        PrintStream originalOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            CommandLine commandLine = Main.commandLine();
            commandLine.setErr(new PrintWriter(err, true));
            exit = commandLine.execute(args);
        } finally {
            System.setOut(originalOut);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString());
    }
}
