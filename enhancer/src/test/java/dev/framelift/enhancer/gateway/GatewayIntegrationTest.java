package dev.framelift.enhancer.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;

import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.enhancer.testing.EnhancerHarness;
import dev.framelift.enhancer.testing.PrometheusText;
import dev.framelift.enhancer.testing.SampleFeeder;
import dev.framelift.enhancer.testing.TestPayloads;

/**
 * Every endpoint of the gateway on an ephemeral port, against a real enhancer (tiny real
 * TensorFlow models) on a real KRaft broker, with two streams flowing: the status codes and
 * bodies a client sees, the admin token check, the Server-Sent Events, and {@code /metrics}
 * read as Prometheus text.
 */
@ExtendWith(VertxExtension.class)
class GatewayIntegrationTest {
    private static final String TOKEN = "s3cret-admin-token";

    @TempDir
    static Path work;
    static EnhancerHarness harness;
    static SampleFeeder feeder;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        harness = EnhancerHarness.startBroker(work);
        port = harness.startEnhancer(Map.of(EnhancerConfig.HTTP_ADMIN_TOKEN, TOKEN, EnhancerConfig.FRAME_MAX_BYTES, "65536"))
                .httpPort().orElseThrow();
        feeder = SampleFeeder.start(harness.bootstrapServers(), 200, 1000);
    }

    @AfterAll
    static void stop() throws Exception {
        feeder.close();
        harness.close();
    }

    private static WebClient client(Vertx vertx) {
        return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    }

    private static HttpResponse<Buffer> await(io.vertx.core.Future<HttpResponse<Buffer>> response) throws Exception {
        return response.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Test
    void shouldEnhanceAPostedPngThroughKafka(Vertx vertx) throws Exception {
        byte[] png = TestPayloads.png(40, 30, false, 1);
        HttpResponse<Buffer> r = await(client(vertx).post("/v1/enhance").addQueryParam("task", "sr-x2")
                .putHeader("Content-Type", "image/png").sendBuffer(Buffer.buffer(png)));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.getHeader("Content-Type")).isEqualTo("image/png");
        assertThat(r.getHeader("X-FrameLift-Model-Version")).isEqualTo("test-1");
        assertThat(r.getHeader("X-FrameLift-Size")).isEqualTo("40x30 -> 80x60");
        assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(r.body().getBytes())).getWidth()).isEqualTo(80);
    }

    @Test
    void shouldAnswer422WithTheReasonWhenTheEnhancerRejectsTheImage(Vertx vertx) throws Exception {
        byte[] truncated = java.util.Arrays.copyOf(TestPayloads.png(40, 30, false, 2), 60);
        HttpResponse<Buffer> r = await(client(vertx).post("/v1/enhance").addQueryParam("task", "colorize")
                .putHeader("Content-Type", "image/png").sendBuffer(Buffer.buffer(truncated)));

        assertThat(r.statusCode()).isEqualTo(422);
        JsonObject body = r.bodyAsJsonObject();
        assertThat(body.getString("reason")).isEqualTo("CORRUPT_IMAGE");
        assertThat(body.getString("error")).startsWith("the enhancer rejected the image: ");
    }

    @Test
    void shouldRefuseWhatIsNotAnImageOrTooLargeOrWithoutATask(Vertx vertx) throws Exception {
        WebClient client = client(vertx);
        HttpResponse<Buffer> gif = await(client.post("/v1/enhance?task=sr-x2").putHeader("Content-Type", "image/gif")
                .sendBuffer(Buffer.buffer("GIF89a....")));
        assertThat(gif.statusCode()).isEqualTo(415);
        assertThat(gif.bodyAsJsonObject().getString("error")).contains("PNG or JPEG");

        HttpResponse<Buffer> large = await(client.post("/v1/enhance?task=sr-x2").putHeader("Content-Type", "image/png")
                .sendBuffer(Buffer.buffer(new byte[70_000])));
        assertThat(large.statusCode()).isEqualTo(413);
        assertThat(large.bodyAsJsonObject().getString("error")).contains("65536 bytes (frame.max.bytes)");

        HttpResponse<Buffer> noTask = await(client.post("/v1/enhance").putHeader("Content-Type", "image/png")
                .sendBuffer(Buffer.buffer(TestPayloads.png(8, 8, false, 3))));
        assertThat(noTask.statusCode()).isEqualTo(400);
        assertThat(noTask.bodyAsJsonObject().getString("error")).contains("sr-x2, sr-x4, colorize");

        HttpResponse<Buffer> empty = await(client.post("/v1/enhance?task=sr-x4").send());
        assertThat(empty.statusCode()).isEqualTo(400);
    }

    @Test
    void shouldListTheStreamsOfTheTopicsWithTheirNewestFrames(Vertx vertx) throws Exception {
        WebClient client = client(vertx);
        JsonObject camera = null;
        for (int i = 0; i < 120 && camera == null; i++) {
            JsonObject body = await(client.get("/v1/streams").send()).bodyAsJsonObject();
            camera = body.getJsonArray("streams").stream().map(JsonObject.class::cast)
                    .filter(s -> s.getString("id").equals(SampleFeeder.CAMERA) && s.containsKey("pairSequence"))
                    .findFirst().orElse(null);
            Thread.sleep(500);
        }
        assertThat(camera).as("the camera's stream with an enhanced frame").isNotNull();
        assertThat(camera.getString("task")).isEqualTo("sr-x2");
        assertThat(camera.getString("modelVersion")).isEqualTo("test-1");
        assertThat(camera.getLong("framesOut")).isPositive();
        assertThat(await(client.get("/v1/streams/" + SampleFeeder.CAMERA).send()).bodyAsJsonObject().getString("id"))
                .isEqualTo(SampleFeeder.CAMERA);

        HttpResponse<Buffer> latest = await(client.get("/v1/streams/" + SampleFeeder.CAMERA + "/latest?kind=enhanced").send());
        assertThat(latest.statusCode()).isEqualTo(200);
        assertThat(latest.getHeader("Content-Type")).isEqualTo("image/png");
        assertThat(await(client.get("/v1/streams/" + SampleFeeder.CAMERA + "/latest?kind=raw").send()).statusCode()).isEqualTo(200);
        long pair = camera.getLong("pairSequence");
        for (String kind : new String[] {"enhanced", "input"}) {
            HttpResponse<Buffer> half = await(client.get("/v1/streams/" + SampleFeeder.CAMERA + "/frames/" + pair + "?kind=" + kind).send());
            if (half.statusCode() == 404) {
                // pair N was pushed out by newer ones between the two requests: the newest pair serves instead
                half = await(client.get("/v1/streams/" + SampleFeeder.CAMERA + "/latest?kind=" + kind).send());
            }
            assertThat(half.statusCode()).as(kind).isEqualTo(200);
            assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(half.body().getBytes())).getWidth())
                    .isEqualTo(kind.equals("input") ? 192 : 384);
        }

        assertThat(await(client.get("/v1/streams/no-such-camera/latest").send()).statusCode()).isEqualTo(404);
        assertThat(await(client.get("/v1/streams/" + SampleFeeder.CAMERA + "/latest?kind=thumbnail").send()).statusCode())
                .isEqualTo(400);
        assertThat(await(client.get("/v1/streams/" + SampleFeeder.CAMERA + "/frames/-7?kind=input").send()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void shouldAnnounceNewEnhancedFramesAsServerSentEvents(Vertx vertx, VertxTestContext test) {
        HttpClient http = vertx.createHttpClient();
        StringBuilder seen = new StringBuilder();
        http.request(HttpMethod.GET, port, "127.0.0.1", "/v1/streams/" + SampleFeeder.ARCHIVE + "/live")
                .compose(request -> request.send())
                .onComplete(test.succeeding(response -> {
                    test.verify(() -> assertThat(response.getHeader("Content-Type")).startsWith("text/event-stream"));
                    response.handler(chunk -> {
                        seen.append(chunk.toString());
                        long events = seen.toString().lines().filter(l -> l.startsWith("data: ")).count();
                        if (events >= 3) {
                            test.verify(() -> {
                                assertThat(seen.toString()).contains("event: stream")
                                        .contains("\"id\":\"" + SampleFeeder.ARCHIVE + "\"")
                                        .doesNotContain("\"id\":\"" + SampleFeeder.CAMERA + "\"");
                            });
                            test.completeNow();
                        }
                    });
                }));
    }

    @Test
    void shouldListTheActiveModelsWithTheirCards(Vertx vertx) throws Exception {
        JsonObject body = await(client(vertx).get("/v1/models").send()).bodyAsJsonObject();

        assertThat(body.getJsonArray("models")).hasSize(3);
        JsonObject first = body.getJsonArray("models").getJsonObject(0);
        assertThat(first.getString("scope")).isEqualTo("colorize");
        assertThat(first.getString("version")).isEqualTo("test-1");
        assertThat(first.getJsonObject("card").getString("architecture")).isEqualTo("test-bilinear-conv3x3");
        assertThat(body.getJsonObject("admin").getBoolean("enabled")).isTrue();
    }

    @Test
    void shouldCheckTheAdminTokenBeforeAnyModelAction(Vertx vertx) throws Exception {
        WebClient client = client(vertx);
        HttpResponse<Buffer> none = await(client.post("/v1/models/sr-x2/rollback").send());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.getHeader("WWW-Authenticate")).startsWith("Bearer");

        HttpResponse<Buffer> wrong = await(client.post("/v1/models/sr-x2/rollback").bearerTokenAuthentication("guess").send());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.bodyAsJsonObject().getString("error")).isEqualTo("the admin token is wrong");

        // the models topic has nothing for sr-x2 (the shipped model serves it): nothing to go back to or activate
        HttpResponse<Buffer> right = await(client.post("/v1/models/sr-x2/rollback").bearerTokenAuthentication(TOKEN).send());
        assertThat(right.statusCode()).isEqualTo(404);
        assertThat(right.bodyAsJsonObject().getString("error")).contains("nothing published for sr-x2");

        HttpResponse<Buffer> activate = await(client.post("/v1/models/sr-x2/activate").bearerTokenAuthentication(TOKEN)
                .sendJsonObject(new JsonObject().put("version", "test-1")));
        assertThat(activate.statusCode()).isEqualTo(404);
        HttpResponse<Buffer> noVersion = await(client.post("/v1/models/sr-x2/activate").bearerTokenAuthentication(TOKEN)
                .sendJsonObject(new JsonObject()));
        assertThat(noVersion.statusCode()).isEqualTo(400);
    }

    @Test
    void shouldReportLiveAndReadyWithEachCheck(Vertx vertx) throws Exception {
        WebClient client = client(vertx);
        assertThat(await(client.get("/health/live").send()).bodyAsJsonObject().getString("status")).isEqualTo("UP");
        HttpResponse<Buffer> ready = await(client.get("/health/ready").send());
        assertThat(ready.statusCode()).isEqualTo(200);
        JsonObject checks = ready.bodyAsJsonObject().getJsonObject("checks");
        assertThat(checks.getJsonObject("broker").getBoolean("ok")).isTrue();
        assertThat(checks.getJsonObject("models").getString("detail")).isEqualTo("loaded: [colorize, sr-x2, sr-x4]");
        assertThat(checks.getJsonObject("streams").getString("detail")).isEqualTo("Kafka Streams is RUNNING");
    }

    @Test
    void shouldExposeMetricsInPrometheusTextFormat(Vertx vertx) throws Exception {
        WebClient client = client(vertx);
        Map<String, PrometheusText.Sample> samples = Map.of();
        for (int i = 0; i < 60; i++) {
            HttpResponse<Buffer> r = await(client.get("/metrics").send());
            assertThat(r.getHeader("Content-Type")).startsWith("text/plain; version=0.0.4");
            samples = PrometheusText.parse(r.bodyAsString());
            if (samples.keySet().stream().anyMatch(k -> k.startsWith("framelift_frames_enhanced_total{") && k.contains(SampleFeeder.CAMERA))) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(samples.keySet()).anyMatch(k -> k.startsWith("framelift_frames_in_total{") && k.contains("stream=" + SampleFeeder.CAMERA));
        assertThat(samples.keySet()).anyMatch(k -> k.startsWith("framelift_frames_enhanced_total{") && k.contains("model_version=test-1"));
        assertThat(samples.keySet()).anyMatch(k -> k.startsWith("framelift_frame_latency_seconds_bucket{") && k.contains(SampleFeeder.ARCHIVE));
        assertThat(samples.keySet()).anyMatch(k -> k.startsWith("framelift_batch_size_bucket{"));
        assertThat(samples.keySet()).anyMatch(k -> k.startsWith("framelift_inference_seconds_bucket{"));
        assertThat(samples.keySet()).anyMatch(k -> k.startsWith("framelift_stream_last_frame_timestamp_seconds{"));
        assertThat(samples).containsKey("framelift_model_active_info{task=sr-x2, version=test-1}");
        assertThat(samples.keySet()).anyMatch(k -> k.startsWith("jvm_memory_used_bytes{"));
        assertThat(samples.keySet()).anyMatch(k -> k.startsWith("kafka_stream_thread_"));
        assertThat(samples.keySet()).anyMatch(k -> k.startsWith("kafka_consumer_fetch_manager_records_lag_max{"));

        String dashboard = java.nio.file.Files.readString(Path.of("..", "deploy", "grafana", "framelift.json"));
        java.util.regex.Matcher used = java.util.regex.Pattern.compile("framelift_[a-z_]+").matcher(dashboard);
        while (used.find()) {
            String metric = used.group();
            assertThat(samples.keySet()).as("the Grafana dashboard's " + metric).anyMatch(k -> k.startsWith(metric + "{"));
        }
    }

    @Test
    void shouldServeThePageAndAnswerUnknownPathsWithJson(Vertx vertx) throws Exception {
        WebClient client = client(vertx);
        HttpResponse<Buffer> page = await(client.get("/").send());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.bodyAsString()).contains("<title>FrameLift</title>").doesNotContain("http://").doesNotContain("https://");
        assertThat(await(client.get("/app.js").send()).bodyAsString()).doesNotContain("http://").doesNotContain("https://");
        HttpResponse<Buffer> missing = await(client.get("/v1/nothing-here").send());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.bodyAsJsonObject().getString("error")).isEqualTo("no such resource: /v1/nothing-here");
    }
}
