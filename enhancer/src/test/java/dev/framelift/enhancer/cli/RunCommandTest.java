package dev.framelift.enhancer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** {@code framelift run}'s arguments, short of starting the service. */
class RunCommandTest {
    @Test
    void shouldRefuseToRunWithoutBeingToldWhereKafkaIs() {
        CommandLine cli = Main.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("run", "--models", "target/no-models");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("Missing the Kafka cluster")
                .contains("--bootstrap-servers").contains("FRAMELIFT_BOOTSTRAP_SERVERS");
    }
}
