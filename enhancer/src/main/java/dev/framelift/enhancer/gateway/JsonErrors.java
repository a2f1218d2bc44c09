package dev.framelift.enhancer.gateway;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Every error the gateway answers, as {@code {"error": "...", "status": N}} with a message a
 * person can act on; also the router's failure handler, so that Vert.x's own failures (an
 * oversized body, an unknown route) answer the same way.
 */
final class JsonErrors {
    private JsonErrors() {
    }

    static void send(RoutingContext ctx, int status, String message) {
        send(ctx, status, new JsonObject().put("error", message));
    }

    static void send(RoutingContext ctx, int status, JsonObject body) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        body.put("status", status);
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body.encode());
    }

    /** For {@code router.route().failureHandler(..)}. */
    static void failure(RoutingContext ctx, long maxBodyBytes) {
        final int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        final String message = switch (status) {
            case 413 -> "the request body is larger than " + maxBodyBytes + " bytes (frame.max.bytes): "
                    + "send a smaller image or raise frame.max.bytes";
            case 404 -> "no such resource: " + ctx.request().path();
            case 405 -> ctx.request().method() + " is not allowed on " + ctx.request().path();
            default -> ctx.failure() != null ? "internal error: " + ctx.failure().getMessage() : "request failed";
        };
        send(ctx, status, message);
    }
}
