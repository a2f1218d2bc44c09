package dev.framelift.enhancer.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.enhancer.testing.EnhancerHarness;
import dev.framelift.enhancer.testing.TestPayloads;

/**
 * A client that shares no code with FrameLift: frames encoded by the dependency-free Python
 * example written from {@code schemas/README.md}, produced and consumed with {@code kcat}.
 * Needs kcat and python3 on the PATH ({@code .ci/run} installs them).
 */
class KcatClientIntegrationTest {
    private static final Path WIRE_TOOL = Path.of("..", "schemas", "examples", "framelift_wire.py");

    @TempDir
    Path work;

    @Test
    void shouldEnhanceAFrameProducedByKcatFromTheDocumentedWireFormat() throws Exception {
        assumeTrue(onPath("kcat") && onPath("python3"), "kcat and python3 are needed (.ci/run installs them)");
        Files.write(work.resolve("in.png"), TestPayloads.png(40, 30, false, 5));
        try (EnhancerHarness harness = EnhancerHarness.startBroker(work)) {
            harness.startEnhancer(Map.of());
            String bootstrap = harness.bootstrapServers();

            run("python3", WIRE_TOOL.toString(), "encode-frame", "--stream", "kcat-cam", "--seq", "7", "--task", "sr-x2",
                    work.resolve("in.png").toString()).toFile(work.resolve("frame.bin"));
            run("kcat", "-P", "-b", bootstrap, "-t", "frames.raw", "-k", "kcat-cam", work.resolve("frame.bin").toString());
            run("kcat", "-C", "-b", bootstrap, "-t", "frames.enhanced", "-X", "isolation.level=read_committed",
                    "-c", "1", "-f", "%s").toFile(work.resolve("out.bin"));
            String json = run("python3", WIRE_TOOL.toString(), "decode-enhanced", work.resolve("out.bin").toString(),
                    "--payload", work.resolve("out.png").toString()).text();

            assertThat(json).contains("\"streamId\": \"kcat-cam\"", "\"sequence\": 7", "\"width\": 80", "\"height\": 60");
            assertThat(javax.imageio.ImageIO.read(work.resolve("out.png").toFile()).getWidth()).isEqualTo(80);
        }
    }

    private record Output(byte[] bytes) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        void toFile(Path file) throws IOException {
            Files.write(file, bytes);
        }
    }

    private static Output run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
        return new Output(out);
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv("PATH").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

}
