package dev.framelift.enhancer.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;

import dev.framelift.enhancer.image.ImageCodec;
import dev.framelift.enhancer.image.ImageLimits;
import dev.framelift.enhancer.live.PendingResults;
import dev.framelift.enhancer.live.StreamBoard;
import dev.framelift.enhancer.metrics.ServiceMetrics;
import dev.framelift.enhancer.testing.TestPayloads;
import dev.framelift.schema.ModelCard;
import dev.framelift.schema.Topics;

/**
 * The routes whose answers need an engine that does not answer: no enhancer behind the topics
 * (504 and the frame still sent), a full waiting list (503), no admin token configured (403).
 * The producer is Kafka's MockProducer; nothing here stands in for an enhancer that answers.
 */
@ExtendWith(VertxExtension.class)
class GatewayRoutesTest {
    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final PendingResults pending = new PendingResults(1);
    private ServiceMetrics metrics;
    private WebClient client;

    @BeforeEach
    void deploy(Vertx vertx) throws Exception {
        metrics = new ServiceMetrics(10);
        StreamBoard board = new StreamBoard(10);
        EngineStatus engine = new EngineStatus() {
            @Override
            public Map<String, ModelCard> activeModels() {
                return Map.of();
            }

            @Override
            public String streamsState() {
                return "REBALANCING";
            }
        };
        AdminAuth disabled = new AdminAuth(Optional.empty());
        GatewayVerticle verticle = new GatewayVerticle("127.0.0.1", 0, 1 << 20,
                new EnhanceHandler(vertx, producer, pending, Duration.ofMillis(300)),
                new StreamsHandler(vertx, board, pending, new ImageCodec(ImageLimits.defaults())),
                new LiveFeed(board), new ModelsHandler(vertx, engine, ModelAdmin.UNSUPPORTED, board, false, java.util.Set.of("sr-x4", "sr-x2")), disabled,
                new HealthHandler(vertx, null, engine, List.of("sr-x2")), metrics);
        vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture().get();
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(verticle.actualPort()));
    }

    @AfterEach
    void close() {
        metrics.close();
    }

    private static HttpResponse<Buffer> await(io.vertx.core.Future<HttpResponse<Buffer>> response) throws Exception {
        return response.toCompletionStage().toCompletableFuture().get();
    }

    @Test
    void shouldAnswer504WhenNoResultComesBackInTimeAndStillHaveSentTheFrame() throws Exception {
        HttpResponse<Buffer> r = await(client.post("/v1/enhance?task=sr-x2&stream=cam-9").putHeader("Content-Type", "image/png")
                .sendBuffer(Buffer.buffer(TestPayloads.png(8, 8, false, 1))));

        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(r.bodyAsJsonObject().getString("error")).startsWith("no result within 300 ms");
        assertThat(producer.history()).hasSize(1);
        assertThat(producer.history().get(0).topic()).isEqualTo(Topics.RAW);
        assertThat(new String(producer.history().get(0).key())).isEqualTo("cam-9");
        assertThat(pending.waiting()).as("a timed-out request stops waiting").isZero();
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenTooManyRequestsWait() throws Exception {
        pending.register("someone-else");

        HttpResponse<Buffer> r = await(client.post("/v1/enhance?task=sr-x2").putHeader("Content-Type", "image/jpeg")
                .sendBuffer(Buffer.buffer(TestPayloads.jpeg(8, 8, 1))));

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.getHeader("Retry-After")).isEqualTo("1");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldAnswerModelActionsAsDisabledWithoutAConfiguredToken() throws Exception {
        HttpResponse<Buffer> r = await(client.post("/v1/models/sr-x2/rollback").bearerTokenAuthentication("anything").send());

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.bodyAsJsonObject().getString("error")).startsWith("model administration is disabled");
        JsonObject models = await(client.get("/v1/models").send()).bodyAsJsonObject();
        assertThat(models.getJsonObject("admin").getBoolean("enabled")).isFalse();
        assertThat(models.getJsonArray("selfEnsemble").getList()).containsExactly("sr-x2", "sr-x4");
    }

    @Test
    void shouldSayWhichChecksFailWhenNotReady() throws Exception {
        HttpResponse<Buffer> r = await(client.get("/health/ready").send());

        assertThat(r.statusCode()).isEqualTo(503);
        JsonObject checks = r.bodyAsJsonObject().getJsonObject("checks");
        assertThat(checks.getJsonObject("models").getString("detail")).isEqualTo("no model for [sr-x2] (loaded: [])");
        assertThat(checks.getJsonObject("streams").getString("detail")).isEqualTo("Kafka Streams is REBALANCING");
        assertThat(checks.getJsonObject("broker").getBoolean("ok")).isFalse();
    }
}
