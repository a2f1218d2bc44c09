package dev.framelift.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the images run, without a Docker engine: the Dockerfile's own steps
 * ({@code install-jars.sh} lays out a module's jars, the {@code framelift} launcher runs the
 * stage's CLI) on this machine, with the images' environment. Both modules must be packaged
 * first ({@code mvn verify} does).
 */
class ImageLauncherIntegrationTest {
    @TempDir
    Path work;

    @Test
    void shouldRunTheEnhancerFromItsImageLayoutWithSettingsFromTheEnvironment() throws Exception {
        Path home = install("enhancer");
        Path cache = work.resolve("javacpp-cache");

        Result config = launch(home, "enhancer", cache, Map.of("FRAMELIFT_BATCH_MAX_SIZE", "16",
                "FRAMELIFT_BOOTSTRAP_SERVERS", "kafka:9092"), "config");
        assertThat(config.exit).as(config.output).isZero();
        assertThat(config.output).contains("batch.max.size=16").contains("bootstrap.servers=kafka:9092");

        BufferedImage gray = new BufferedImage(24, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int x = 0; x < 24; x++) {
            gray.getRaster().setSample(x, x % 16, 0, 200);
        }
        Path in = work.resolve("in.png");
        ImageIO.write(gray, "png", in.toFile());
        Result enhance = launch(home, "enhancer", cache, Map.of(), "enhance", "--task", "sr-x2",
                "--models", RepositoryFiles.ROOT.resolve("models").toString(), in.toString(), work.resolve("out.png").toString());
        assertThat(enhance.exit).as(enhance.output).isZero();
        assertThat(ImageIO.read(work.resolve("out.png").toFile()).getWidth()).isEqualTo(48);
        try (Stream<Path> unpacked = Files.walk(cache)) {
            assertThat(unpacked.anyMatch(p -> p.getFileName().toString().startsWith("libtensorflow")))
                    .as("TensorFlow's native library unpacked into FRAMELIFT_JAVACPP_CACHE").isTrue();
        }
    }

    @Test
    void shouldRunTheTrainersCommandsFromItsImageLayout() throws Exception {
        Path home = install("trainer");

        Result help = launch(home, "trainer", work.resolve("javacpp-cache"), Map.of(), "train", "--help");

        assertThat(help.exit).as(help.output).isZero();
        assertThat(help.output).contains("--task").contains("--data").contains("--out");
    }

    private record Result(int exit, String output) {
    }

    /** deploy/docker/install-jars.sh MODULE DEST, as the Dockerfile's build stage runs it. */
    private Path install(String module) throws IOException, InterruptedException {
        Path home = work.resolve(module);
        Result installed = run(List.of(RepositoryFiles.DEPLOY.resolve("docker/install-jars.sh").toString(), module,
                home.toString()), Map.of());
        assertThat(installed.exit).as(installed.output).isZero();
        return home;
    }

    private Result launch(Path home, String stage, Path cache, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(RepositoryFiles.IMAGE_LAUNCHER.toString()));
        command.addAll(List.of(args));
        Map<String, String> environment = new java.util.HashMap<>(env);
        environment.put("FRAMELIFT_HOME", home.toString());
        environment.put("FRAMELIFT_MAIN", DockerImages.mainClass(stage));
        environment.put("FRAMELIFT_JAVACPP_CACHE", cache.toString());
        environment.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        return run(command, environment);
    }

    private static Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("FRAMELIFT_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
