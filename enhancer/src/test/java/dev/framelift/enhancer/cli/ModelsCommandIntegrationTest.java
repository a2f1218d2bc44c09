package dev.framelift.enhancer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.enhancer.broker.EmbeddedKafkaBroker;
import dev.framelift.model.testing.TestModels;
import dev.framelift.schema.Tasks;

/** {@code framelift models} end to end on a real broker: keygen, publish, list, activate, rollback, remove. */
class ModelsCommandIntegrationTest {
    @TempDir
    Path work;

    private record Run(int exit, String out, String err) {
    }

    private static synchronized Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = Main.commandLine().execute(args);
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void shouldPublishListActivateRollBackAndRemoveModelsOnTheTopic() throws Exception {
        Path shipped = TestModels.writeAll(Files.createDirectories(work.resolve("shipped")));
        Instant t0 = Instant.now();
        Path v2 = TestModels.writeInto(work.resolve("v2"), Tasks.SR_X2, "sr-x2-v2", t0.plusSeconds(2));
        Path v3 = TestModels.writeInto(work.resolve("v3"), Tasks.SR_X2, "sr-x2-v3", t0.plusSeconds(3));
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, work.resolve("kafka"), 20 << 20)) {
            String[] kafka = {"--bootstrap-servers", broker.bootstrapServers(), "--models", shipped.toString()};
            Run keygen = run("models", "keygen", "--out", work.resolve("keys/ops").toString());
            assertThat(keygen.exit()).isZero();
            String trusted = keygen.out().lines().filter(l -> l.contains("models.trusted.keys=")).findFirst().orElseThrow()
                    .replaceAll(".*--set ", "");
            String key = work.resolve("keys/ops.key").toString();

            Run unsigned = run(concat(new String[] {"models", "publish", v2.toString()}, kafka));
            assertThat(unsigned.exit()).isEqualTo(ModelsCommand.BAD_ARGUMENTS);
            assertThat(unsigned.err()).contains("--sign-key");

            Run first = run(concat(new String[] {"models", "publish", v2.toString(), "--sign-key", key}, kafka));
            assertThat(first.exit()).as(first.err()).isZero();
            assertThat(first.out()).contains("published sr-x2-v2", "signed by", "as sr-x2 at offset 0");

            Run gated = run(concat(new String[] {"models", "publish", v3.toString(), "--sign-key", key}, kafka));
            assertThat(gated.exit()).isEqualTo(ModelsCommand.REFUSED);
            assertThat(gated.err()).contains("cannot compare with the serving sr-x2-v2", "--force");
            assertThat(run(concat(new String[] {"models", "publish", v3.toString(), "--sign-key", key, "--force"}, kafka))
                    .exit()).isZero();

            Run list = run(concat(new String[] {"models", "list", "--set", trusted}, kafka));
            assertThat(list.exit()).as(list.err()).isZero();
            assertThat(list.out()).contains("sr-x2 ", "sr-x2-v3", "PUBLISH", "earlier versions on the topic (models activate): sr-x2-v2",
                    "colorize ", "test-1", "shipped default (local files), serves the task",
                    "shipped default (local files), overridden by the topic").doesNotContain("refused");

            Run rollback = run(concat(new String[] {"models", "rollback", "sr-x2", "--reason", "ringing"}, kafka));
            assertThat(rollback.exit()).as(rollback.err()).isZero();
            assertThat(rollback.out()).contains("ROLLBACK sr-x2-v2", "roll back from sr-x2-v3: ringing");
            assertThat(run(concat(new String[] {"models", "activate", "sr-x2", "sr-x2-v3"}, kafka)).out())
                    .contains("ACTIVATE sr-x2-v3");
            Run missing = run(concat(new String[] {"models", "activate", "sr-x2", "sr-x2-v9"}, kafka));
            assertThat(missing.exit()).isEqualTo(ModelsCommand.REFUSED);
            assertThat(missing.err()).contains("not on the topic", "sr-x2-v2", "sr-x2-v3");

            assertThat(run(concat(new String[] {"models", "remove", "sr-x2"}, kafka)).out()).contains("removed sr-x2");
            assertThat(run(concat(new String[] {"models", "list"}, kafka)).out())
                    .contains("no published model: the shipped default serves", "signatures not checked");
            Run badScope = run(concat(new String[] {"models", "rollback", "@cam"}, kafka));
            assertThat(badScope.exit()).isEqualTo(ModelsCommand.BAD_ARGUMENTS);
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
