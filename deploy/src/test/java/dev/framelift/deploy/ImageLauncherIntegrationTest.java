package dev.framelift.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The images' commands from their layout ({@link ImageLayout}), without a Docker engine. */
class ImageLauncherIntegrationTest {
    @TempDir
    Path work;

    @Test
    void shouldRunTheEnhancerFromItsImageLayoutWithSettingsFromTheEnvironment() throws Exception {
        Path home = install("enhancer");
        Path cache = work.resolve("javacpp-cache");

        ImageLayout.Result config = ImageLayout.launch(home, "enhancer", cache, Map.of("FRAMELIFT_BATCH_MAX_SIZE", "16",
                "FRAMELIFT_BOOTSTRAP_SERVERS", "kafka:9092"), "config");
        assertThat(config.exit()).as(config.output()).isZero();
        assertThat(config.output()).contains("batch.max.size=16").contains("bootstrap.servers=kafka:9092");

        BufferedImage gray = new BufferedImage(24, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int x = 0; x < 24; x++) {
            gray.getRaster().setSample(x, x % 16, 0, 200);
        }
        Path in = work.resolve("in.png");
        ImageIO.write(gray, "png", in.toFile());
        ImageLayout.Result enhance = ImageLayout.launch(home, "enhancer", cache, Map.of(), "enhance", "--task", "sr-x2",
                "--models", RepositoryFiles.ROOT.resolve("models").toString(), in.toString(), work.resolve("out.png").toString());
        assertThat(enhance.exit()).as(enhance.output()).isZero();
        assertThat(ImageIO.read(work.resolve("out.png").toFile()).getWidth()).isEqualTo(48);
        try (Stream<Path> unpacked = Files.walk(cache)) {
            assertThat(unpacked.anyMatch(p -> p.getFileName().toString().startsWith("libtensorflow")))
                    .as("TensorFlow's native library unpacked into FRAMELIFT_JAVACPP_CACHE").isTrue();
        }
    }

    @Test
    void shouldRunTheTrainersCommandsFromItsImageLayout() throws Exception {
        Path home = install("trainer");

        ImageLayout.Result help = ImageLayout.launch(home, "trainer", work.resolve("javacpp-cache"), Map.of(), "train", "--help");

        assertThat(help.exit()).as(help.output()).isZero();
        assertThat(help.output()).contains("--task").contains("--data").contains("--out");
    }

    private Path install(String module) throws IOException, InterruptedException {
        Path home = work.resolve(module);
        ImageLayout.install(module, home);
        return home;
    }
}
