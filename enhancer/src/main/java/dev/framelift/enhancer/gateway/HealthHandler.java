package dev.framelift.enhancer.gateway;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import dev.framelift.schema.Tasks;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /health/live}: 200 while the HTTP server answers. {@code GET /health/ready}: 200
 * only when the broker answers, every task of {@code http.ready.tasks} has a model loaded and
 * Kafka Streams is RUNNING; else 503. Both answer JSON with each check and what it found. The
 * broker probe runs on a worker thread, bounded by a 3-second timeout.
 */
final class HealthHandler {
    private static final long BROKER_TIMEOUT_MS = 3_000;

    private final Vertx vertx;
    private final Admin admin;
    private final EngineStatus engine;
    private final List<String> requiredTasks;

    HealthHandler(Vertx vertx, Admin admin, EngineStatus engine, List<String> requiredTasks) {
        this.vertx = vertx;
        this.admin = admin;
        this.engine = engine;
        this.requiredTasks = requiredTasks;
    }

    void live(RoutingContext ctx) {
        respond(ctx, 200, new JsonObject().put("status", "UP"));
    }

    void ready(RoutingContext ctx) {
        vertx.executeBlocking(this::brokerCheck, false).onComplete(broker -> {
            final JsonObject brokerCheck = broker.succeeded() ? broker.result()
                    : check(false, "broker check failed: " + broker.cause().getMessage());
            final Set<String> loaded = new TreeSet<>();
            engine.activeModels().values().forEach(card -> loaded.add(Tasks.served(card)));
            final Set<String> missing = new TreeSet<>(requiredTasks);
            missing.removeAll(loaded);
            final JsonObject models = check(missing.isEmpty(), missing.isEmpty() ? "loaded: " + loaded
                    : "no model for " + missing + " (loaded: " + loaded + ")");
            final String state = engine.streamsState();
            final JsonObject streams = check("RUNNING".equals(state), "Kafka Streams is " + state);
            final boolean up = brokerCheck.getBoolean("ok") && models.getBoolean("ok") && streams.getBoolean("ok");
            respond(ctx, up ? 200 : 503, new JsonObject().put("status", up ? "UP" : "DOWN")
                    .put("checks", new JsonObject().put("broker", brokerCheck).put("models", models).put("streams", streams)));
        });
    }

    private JsonObject brokerCheck() {
        try {
            final int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) BROKER_TIMEOUT_MS))
                    .nodes().get(BROKER_TIMEOUT_MS + 500, TimeUnit.MILLISECONDS).size();
            return check(nodes > 0, nodes + " broker(s) reachable");
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            final Throwable cause = e.getCause() != null ? e.getCause() : e;
            return check(false, "broker not reachable: " + cause);
        }
    }

    private static JsonObject check(boolean ok, String detail) {
        return new JsonObject().put("ok", ok).put("detail", detail);
    }

    private static void respond(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(body.encode());
    }
}
