package dev.framelift.enhancer.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import dev.framelift.enhancer.config.EnhancerConfig;

/**
 * Guards the model admin routes with a bearer token from configuration
 * ({@link EnhancerConfig#adminToken()}). Without a configured token the routes are disabled
 * (403), never open; a missing or wrong token gets 401 with a {@code WWW-Authenticate}
 * challenge. Tokens are compared in constant time.
 */
final class AdminAuth implements Handler<RoutingContext> {
    private final Optional<byte[]> token;

    AdminAuth(Optional<String> token) {
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    boolean enabled() {
        return token.isPresent();
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (token.isEmpty()) {
            JsonErrors.send(ctx, 403, "model administration is disabled: give this enhancer a token with "
                    + EnhancerConfig.HTTP_ADMIN_TOKEN + " (e.g. FRAMELIFT_HTTP_ADMIN_TOKEN) or " + EnhancerConfig.HTTP_ADMIN_TOKEN_FILE);
            return;
        }
        final String header = ctx.request().getHeader("Authorization");
        final String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        if (presented == null) {
            challenge(ctx, "invalid_request", "send the admin token as 'Authorization: Bearer <token>'");
        } else if (!MessageDigest.isEqual(token.get(), presented.getBytes(StandardCharsets.UTF_8))) {
            challenge(ctx, "invalid_token", "the admin token is wrong");
        } else {
            ctx.next();
        }
    }

    private static void challenge(RoutingContext ctx, String error, String message) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"framelift\", error=\"" + error + "\"");
        JsonErrors.send(ctx, 401, message);
    }
}
