package dev.framelift.enhancer.gateway;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;

import dev.framelift.enhancer.metrics.ServiceMetrics;

/**
 * The gateway's route table. Built by {@link Gateway}, which owns every collaborator; the
 * verticle owns only its HTTP server.
 */
final class GatewayVerticle extends AbstractVerticle {
    /** Body limit of the admin routes' JSON. */
    private static final long ADMIN_BODY_LIMIT = 16 * 1024;

    private final String host;
    private final int port;
    private final long maxImageBytes;
    private final EnhanceHandler enhance;
    private final StreamsHandler streams;
    private final LiveFeed live;
    private final ModelsHandler models;
    private final AdminAuth adminAuth;
    private final HealthHandler health;
    private final ServiceMetrics metrics;
    private HttpServer server;

    GatewayVerticle(String host, int port, long maxImageBytes, EnhanceHandler enhance, StreamsHandler streams,
            LiveFeed live, ModelsHandler models, AdminAuth adminAuth, HealthHandler health, ServiceMetrics metrics) {
        this.host = host;
        this.port = port;
        this.maxImageBytes = maxImageBytes;
        this.enhance = enhance;
        this.streams = streams;
        this.live = live;
        this.models = models;
        this.adminAuth = adminAuth;
        this.health = health;
        this.metrics = metrics;
    }

    @Override
    public void start(Promise<Void> started) {
        final Router router = Router.router(vertx);
        router.post("/v1/enhance").handler(BodyHandler.create(false).setBodyLimit(maxImageBytes)).handler(enhance);
        router.get("/v1/streams").handler(streams::list);
        router.get("/v1/streams/:id").handler(streams::one);
        router.get("/v1/streams/:id/latest").handler(streams::latest);
        router.get("/v1/streams/:id/frames/:sequence").handler(streams::frame);
        router.get("/v1/streams/:id/live").handler(live::one);
        router.get("/v1/live").handler(live::all);
        router.get("/v1/models").handler(models::list);
        router.post("/v1/models/:scope/activate").handler(BodyHandler.create(false).setBodyLimit(ADMIN_BODY_LIMIT))
                .handler(adminAuth).handler(models::activate);
        router.post("/v1/models/:scope/rollback").handler(adminAuth).handler(models::rollback);
        router.get(Gateway.LIVENESS_PATH).handler(health::live);
        router.get(Gateway.READINESS_PATH).handler(health::ready);
        router.get(Gateway.METRICS_PATH).handler(this::scrape);
        router.route("/v1/*").handler(ctx -> ctx.fail(404));
        router.get("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false).setIndexPage("index.html"));
        router.route().handler(ctx -> ctx.fail(404));
        router.route().failureHandler(ctx -> JsonErrors.failure(ctx, maxImageBytes));

        live.start(vertx);
        vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
                .requestHandler(router)
                .listen()
                .onSuccess(s -> {
                    server = s;
                    started.complete();
                })
                .onFailure(started::fail);
    }

    int actualPort() {
        return server.actualPort();
    }

    private void scrape(RoutingContext ctx) {
        vertx.executeBlocking(metrics::scrape, false)
                .onSuccess(text -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                        .end(text))
                .onFailure(ctx::fail);
    }
}
