package dev.framelift.enhancer.gateway;

import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.enhancer.image.ImageCodec;
import dev.framelift.enhancer.live.FrameFollower;
import dev.framelift.enhancer.live.PendingResults;
import dev.framelift.enhancer.live.StreamBoard;
import dev.framelift.enhancer.metrics.ServiceMetrics;

/**
 * The running HTTP gateway: a Vert.x instance serving {@link GatewayVerticle}, with the Kafka
 * clients it needs of its own (a producer for {@code POST /v1/enhance}, an admin client for
 * health and lag, the {@link FrameFollower}).
 *
 * <p>Lifecycle: {@link #start} returns once the server listens (the follower is positioned
 * first, so no result is missed); {@link #close} stops the server, then the follower, then the
 * Kafka clients. The gateway owns all of these; the {@link EngineStatus}, {@link ModelAdmin}
 * and {@link ServiceMetrics} stay the caller's.
 */
public final class Gateway implements AutoCloseable {
    /** Liveness: 200 while the HTTP server answers (what a supervisor's liveness probe asks). */
    public static final String LIVENESS_PATH = "/health/live";
    /** Readiness: 200 only with the broker reachable, a model per required task and Streams RUNNING. */
    public static final String READINESS_PATH = "/health/ready";
    /** Prometheus text format, what a scraper reads. */
    public static final String METRICS_PATH = "/metrics";

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    /** Enhance requests that may wait for their results at once. */
    private static final int MAX_WAITING_REQUESTS = 256;

    static {
        // Vert.x logs through SLF4J like the rest of the enhancer (unless told otherwise)
        if (System.getProperty("vertx.logger-delegate-factory-class-name") == null) {
            System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
        }
    }

    private final Vertx vertx;
    private final Admin admin;
    private final Producer<byte[], byte[]> producer;
    private final FrameFollower follower;
    private final int port;

    private Gateway(Vertx vertx, Admin admin, Producer<byte[], byte[]> producer, FrameFollower follower, int port) {
        this.vertx = vertx;
        this.admin = admin;
        this.producer = producer;
        this.follower = follower;
        this.port = port;
    }

    /**
     * Starts the gateway on {@code http.host}:{@code http.port} against the cluster of
     * {@code config}, whose frame topics must exist.
     *
     * @throws IllegalStateException if it cannot listen (e.g. the port is taken) or reach the topics
     */
    public static Gateway start(EnhancerConfig config, EngineStatus engine, ModelAdmin modelAdmin, ServiceMetrics metrics) {
        final String host = config.getString(EnhancerConfig.HTTP_HOST);
        final int requestedPort = config.getInt(EnhancerConfig.HTTP_PORT);
        final AdminAuth adminAuth = new AdminAuth(config.adminToken());
        final Admin admin = Admin.create(adminProps(config));
        Producer<byte[], byte[]> producer = null;
        FrameFollower follower = null;
        Vertx vertx = null;
        try {
            producer = new KafkaProducer<>(producerProps(config), new ByteArraySerializer(), new ByteArraySerializer());
            final StreamBoard board = new StreamBoard(config.getInt(EnhancerConfig.METRICS_STREAMS_MAX));
            final PendingResults pending = new PendingResults(MAX_WAITING_REQUESTS);
            follower = FrameFollower.start(config, admin, board, pending);
            vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(8));
            final GatewayVerticle verticle = new GatewayVerticle(host, requestedPort, config.imageLimits().maxPayloadBytes(),
                    new EnhanceHandler(vertx, producer, pending, Duration.ofMillis(config.getLong(EnhancerConfig.HTTP_ENHANCE_TIMEOUT_MS))),
                    new StreamsHandler(vertx, board, pending, new ImageCodec(config.imageLimits())),
                    new LiveFeed(board),
                    new ModelsHandler(vertx, engine, modelAdmin, board, adminAuth.enabled(), config.batching().selfEnsemble()),
                    adminAuth,
                    new HealthHandler(vertx, admin, engine, config.getList(EnhancerConfig.HTTP_READY_TASKS)),
                    metrics);
            vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            final Gateway gateway = new Gateway(vertx, admin, producer, follower, verticle.actualPort());
            LOG.info("HTTP gateway on {}:{} (admin routes {})", host, gateway.port,
                    adminAuth.enabled() ? "enabled" : "disabled: no http.admin.token");
            return gateway;
        } catch (ExecutionException | TimeoutException | InterruptedException | RuntimeException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            closeAll(vertx, follower, producer, admin);
            final Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot start the HTTP gateway on " + host + ":" + requestedPort + ": " + cause.getMessage()
                    + " (choose another port with --http-port or http.port, or turn it off with http.enabled=false)", cause);
        }
    }

    /** The port it listens on (the one picked, when {@code http.port} was 0). */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        closeAll(vertx, follower, producer, admin);
    }

    private static void closeAll(Vertx vertx, FrameFollower follower, Producer<byte[], byte[]> producer, Admin admin) {
        if (vertx != null) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("the HTTP server did not stop cleanly: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (follower != null) {
            follower.close();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        admin.close(Duration.ofSeconds(5));
    }

    private static Properties producerProps(EnhancerConfig config) {
        final Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "framelift-gateway-" + UUID.randomUUID().toString().substring(0, 8));
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, config.messageMaxBytes());
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(32L << 20, 3L * config.messageMaxBytes()));
        p.putAll(config.kafkaOverridesFor(ProducerConfig.configNames()));
        return p;
    }

    private static Properties adminProps(EnhancerConfig config) {
        final Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.putAll(config.kafkaOverridesFor(AdminClientConfig.configNames()));
        return p;
    }
}
