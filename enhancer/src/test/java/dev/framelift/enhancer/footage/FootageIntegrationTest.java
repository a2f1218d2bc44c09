package dev.framelift.enhancer.footage;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.enhancer.cli.CommandLineAccess;
import dev.framelift.enhancer.testing.EnhancerHarness;
import dev.framelift.enhancer.testing.KafkaTestClients;
import dev.framelift.enhancer.testing.TestFootage;
import dev.framelift.enhancer.testing.TestFrames;
import dev.framelift.enhancer.testing.TestPayloads;
import dev.framelift.schema.Encoding;
import dev.framelift.schema.Frame;
import dev.framelift.schema.Tasks;
import dev.framelift.schema.Topics;

/**
 * {@code ingest} → the enhancer → {@code export}, as a person runs them, on a real KRaft broker with
 * real (tiny) TensorFlow generators and real FFmpeg at both ends.
 */
class FootageIntegrationTest {
    @TempDir
    static Path work;
    static EnhancerHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = EnhancerHarness.startBroker(work);
        harness.startEnhancer(Map.of());
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void shouldTurnTheShippedClipIntoAVideoWithTheSameFramesAtTwiceTheSize() throws IOException {
        Path clip = TestFootage.lobbyClip();
        Path video = work.resolve("lobby-x2.mp4");

        int ingested = cli("ingest", "--bootstrap-servers", harness.bootstrapServers(), "--stream", "lobby",
                "--task", Tasks.SR_X2, "--downscale", "4", clip.toString());
        int exported = cli("export", "--bootstrap-servers", harness.bootstrapServers(), "--stream", "lobby",
                "--out", video.toString(), "--from-beginning", "--until-idle", "120");

        assertThat(ingested).isZero();
        assertThat(exported).isZero();
        int w = TestFootage.LOBBY_WIDTH / 4 * 2;
        int h = TestFootage.LOBBY_HEIGHT / 4 * 2;
        List<SourceFrame> decoded = decodeAll(video);
        assertThat(decoded).hasSize(TestFootage.LOBBY_FRAMES);
        assertThat(decoded).allSatisfy(f -> assertThat(new int[] {f.image().width(), f.image().height()})
                .containsExactly(w, h));
        try (VideoSource source = VideoSource.open(video.toString())) {
            assertThat(source.frameRate()).isEqualTo(TestFootage.LOBBY_FPS);
        }
    }

    @Test
    void shouldWriteSideBySidePngsAndReportTheRejectedFrameAsAGap() throws IOException {
        String stream = "gappy";
        int w = 24;
        int h = 16;
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestClients.producer(harness.bootstrapServers())) {
            for (int i = 0; i < 6; i++) {
                byte[] png = i == 3 ? new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3} : TestPayloads.png(w, h, false, i);
                Map<String, String> attributes = new HashMap<>(Map.of(FrameAttributes.FRAME_RATE, "5"));
                if (i == 5) {
                    attributes.put(FrameAttributes.STREAM_END, "true");
                }
                Frame frame = TestFrames.frame(stream, i, Tasks.SR_X2, Encoding.PNG, png, 0, 0);
                frame.setAttributes(attributes);
                frame.setCaptureTime(Instant.now());
                KafkaTestClients.send(producer, Topics.RAW, frame);
            }
        }
        Path out = work.resolve("gappy-pngs");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit;
        PrintStream stdout = System.out;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            exit = cli("export", "--bootstrap-servers", harness.bootstrapServers(), "--stream", stream, "--out",
                    out.toString(), "--from-beginning", "--side-by-side", "--until-idle", "120");
        } finally {
            System.setOut(stdout);
        }

        assertThat(exit).as("exit status of an export with gaps").isEqualTo(3);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("1 frames missing").contains("frame 3 (rejected: CORRUPT_IMAGE");
        List<String> files;
        try (var list = Files.list(out)) {
            files = list.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(files).containsExactly("000000.png", "000001.png", "000002.png", "000004.png", "000005.png");
        BufferedImage first = ImageIO.read(out.resolve("000000.png").toFile());
        assertThat(new int[] {first.getWidth(), first.getHeight()}).containsExactly(2 * 2 * w, 2 * h);
    }

    private static List<SourceFrame> decodeAll(Path video) throws IOException {
        List<SourceFrame> frames = new ArrayList<>();
        try (VideoSource source = VideoSource.open(video.toString())) {
            for (SourceFrame frame; (frame = source.next()) != null; ) {
                frames.add(frame);
            }
        }
        return frames;
    }

    private static int cli(String... args) {
        return CommandLineAccess.execute(args);
    }
}
