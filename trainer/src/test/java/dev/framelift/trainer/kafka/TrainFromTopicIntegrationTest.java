package dev.framelift.trainer.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.framelift.model.Scope;
import dev.framelift.model.topic.ModelLog;
import dev.framelift.model.topic.ModelRecord;
import dev.framelift.model.topic.ModelTimeline;
import dev.framelift.model.topic.SignaturePolicy;
import dev.framelift.schema.Encoding;
import dev.framelift.schema.Frame;
import dev.framelift.schema.ModelUpdate;
import dev.framelift.schema.Topics;
import dev.framelift.schema.serde.FrameLiftSerdes;
import dev.framelift.trainer.cli.TrainerMain;
import dev.framelift.trainer.data.PhotoSetTest;
import dev.framelift.trainer.data.ValidationSplit;
import dev.framelift.trainer.train.ProgressBar;
import dev.framelift.trainer.train.TrainConfig;
import dev.framelift.trainer.train.Trainer;
import dev.framelift.trainer.model.TrainingTask;

/**
 * {@code train --init --from-topic --stream --publish} against a real KRaft broker: the stream's
 * frames (and no other stream's) become the training data, the newest are held out, and the
 * fine-tuned model lands on the models topic for {@code TASK@STREAM} with the held-out
 * measurements in its card.
 */
class TrainFromTopicIntegrationTest {
    @TempDir
    Path dir;

    @Test
    void shouldFineTuneOnOneStreamsFramesAndPublishForThatStream() throws Exception {
        PhotoSetTest.writePhotos(dir.resolve("photos"), 10, 48, 9);
        Path base = new Trainer(new TrainConfig(TrainingTask.SR_X2, dir.resolve("photos"), dir.resolve("base"), 2, 0, 2, 16, 1,
                ValidationSplit.SPREAD, null, false, "fast", false, 2, 1e-4f, 0, 5e-5f, 1e-3f, 50, 50, 0, 1, "faithful", "test"),
                new ProgressBar(new java.io.PrintStream(new ByteArrayOutputStream()), false, 1)).run().model();
        try (KafkaClusterTestKit kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
                .setNumBrokerNodes(1).setNumControllerNodes(1).build()).build()) {
            kafka.format();
            kafka.startup();
            kafka.waitForReadyBrokers();
            try (Admin admin = kafka.admin()) {
                admin.createTopics(List.of(new NewTopic(Topics.RAW, 3, (short) 1),
                        new NewTopic(Topics.MODELS, 1, (short) 1).configs(Map.of("cleanup.policy", "compact")))).all().get();
            }
            produceFrames(kafka.bootstrapServers());

            Path out = dir.resolve("cam-t");
            int exit = TrainerMain.commandLine().execute("train", "--task", "sr-x2", "--init", base.toString(),
                    "--from-topic", Topics.RAW, "--stream", "cam-t", "--bootstrap-servers", kafka.bootstrapServers(),
                    "--out", out.toString(), "--steps", "2", "--batch", "2", "--patch", "16", "--max-side", "0",
                    "--publish", "--unsigned", "--force");

            assertThat(exit).isZero();
            try (Stream<Path> frames = Files.list(out.resolve("frames"))) {
                assertThat(frames.map(p -> p.getFileName().toString()).sorted().toList()).hasSize(20)
                        .startsWith("000000-seq0.png").endsWith("000019-seq19.png");
            }
            assertThat(Files.readAllLines(out.resolve("report/val.txt"))).as("the 8 newest (10%, at least 8) are held out")
                    .hasSize(8).startsWith("000012-seq12.png").endsWith("000019-seq19.png");
            ModelTimeline topic = ModelLog.snapshot(Map.of("bootstrap.servers", kafka.bootstrapServers()), 16 << 20,
                    SignaturePolicy.unchecked(), Duration.ofSeconds(30));
            ModelRecord published = topic.scope(Scope.parse("sr-x2@cam-t")).orElseThrow().active().orElseThrow();
            ModelUpdate update = published.update();
            assertThat(update.getSignature()).isNull();
            assertThat(update.getPublisher()).contains("framelift train");
            assertThat(update.getCard().getValidationData()).contains("stream cam-t", "8 held-out images");
            assertThat(update.getCard().getMetrics()).containsKeys("psnr_y", "ssim_y");
            assertThat(update.getNote()).contains("the topic has no model for sr-x2@cam-t").contains("--init");
            assertThat(topic.scope(Scope.of("sr-x2"))).isEmpty();
        }
    }

    /** 20 frames of stream cam-t (sequences 0..19) and 5 of another stream, PNG. */
    private static void produceFrames(String bootstrap) throws IOException, InterruptedException {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < 25; i++) {
                String stream = i < 20 ? "cam-t" : "cam-other";
                Frame frame = Frame.newBuilder().setStreamId(stream).setSequence(i).setCaptureTime(Instant.now())
                        .setTask("sr-x2").setEncoding(Encoding.PNG).setPayload(ByteBuffer.wrap(png(i))).build();
                producer.send(new ProducerRecord<>(Topics.RAW, stream.getBytes(StandardCharsets.UTF_8),
                        FrameLiftSerdes.frameCodec().encode(frame)));
            }
        }
    }

    private static byte[] png(int seed) throws IOException {
        Random rnd = new Random(seed);
        BufferedImage img = new BufferedImage(48, 40, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 48; x++) {
                int v = (x * 5 + y * 3 + seed) & 0xFF;
                img.setRGB(x, y, (v << 16) | (((v + 60) & 0xFF) << 8) | (rnd.nextInt(40) + 100));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(img, "png", bytes);
        return bytes.toByteArray();
    }
}
