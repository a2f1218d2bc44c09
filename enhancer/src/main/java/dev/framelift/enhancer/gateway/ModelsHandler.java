package dev.framelift.enhancer.gateway;

import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import dev.framelift.enhancer.live.StreamBoard;
import dev.framelift.schema.ModelCard;
import dev.framelift.schema.ModelCardJson;
import dev.framelift.schema.Tasks;

/**
 * {@code GET /v1/models}: the active model of each scope on this instance with its whole card
 * (metrics against the naive baseline included) and whether this instance runs it with
 * self-ensemble ({@code inference.self.ensemble}), and the model version each stream's newest
 * frame was enhanced with (from the topics, so across instances).
 *
 * <p>{@code POST /v1/models/{scope}/activate} ({@code {"version": "..."}}) and
 * {@code POST /v1/models/{scope}/rollback}: behind {@link AdminAuth}, carried out by the
 * {@link ModelAdmin} on a worker thread; 501 where the engine does not support them.
 */
final class ModelsHandler {
    private final Vertx vertx;
    private final EngineStatus engine;
    private final ModelAdmin admin;
    private final StreamBoard board;
    private final boolean adminEnabled;
    private final Set<String> selfEnsemble;

    /** @param selfEnsemble the served tasks this instance runs in 8 orientations ({@code inference.self.ensemble}) */
    ModelsHandler(Vertx vertx, EngineStatus engine, ModelAdmin admin, StreamBoard board, boolean adminEnabled,
            Set<String> selfEnsemble) {
        this.vertx = vertx;
        this.engine = engine;
        this.admin = admin;
        this.board = board;
        this.adminEnabled = adminEnabled;
        this.selfEnsemble = Set.copyOf(selfEnsemble);
    }

    void list(RoutingContext ctx) {
        final JsonArray models = new JsonArray();
        new TreeMap<>(engine.activeModels()).forEach((scope, card) -> models.add(toJson(scope, card)));
        final JsonArray streams = new JsonArray();
        board.summaries().forEach(s -> streams.add(new JsonObject().put("stream", s.id()).put("task", s.task())
                .put("modelVersion", s.modelVersion())));
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").putHeader("Cache-Control", "no-store")
                .end(new JsonObject().put("models", models).put("streams", streams)
                        .put("admin", new JsonObject().put("enabled", adminEnabled))
                        .put("selfEnsemble", new JsonArray(selfEnsemble.stream().sorted().toList())).encode());
    }

    void activate(RoutingContext ctx) {
        String version;
        try {
            final JsonObject body = ctx.body().asJsonObject();
            version = body == null ? null : body.getString("version");
        } catch (DecodeException | ClassCastException e) {
            version = null;
        }
        if (version == null || version.isBlank()) {
            JsonErrors.send(ctx, 400, "send {\"version\": \"<model version>\"} as the JSON body");
            return;
        }
        final String wanted = version;
        run(ctx, () -> admin.activate(ctx.pathParam("scope"), wanted));
    }

    void rollback(RoutingContext ctx) {
        run(ctx, () -> admin.rollback(ctx.pathParam("scope")));
    }

    private void run(RoutingContext ctx, Callable<ModelCard> action) {
        final String scope = ctx.pathParam("scope");
        vertx.executeBlocking(action, false)
                .onSuccess(card -> ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
                        .end(toJson(scope, card).encode()))
                .onFailure(e -> {
                    if (e instanceof UnsupportedOperationException) {
                        JsonErrors.send(ctx, 501, e.getMessage());
                    } else if (e instanceof IllegalArgumentException) {
                        JsonErrors.send(ctx, 404, e.getMessage());
                    } else {
                        JsonErrors.send(ctx, 500, "model " + scope + ": " + e.getMessage());
                    }
                });
    }

    private JsonObject toJson(String scope, ModelCard card) {
        final int at = scope.indexOf('@');
        final JsonObject json = new JsonObject(ModelCardJson.toJson(card));
        return new JsonObject().put("scope", scope).put("task", Tasks.served(card)).put("flavour", card.getFlavour())
                .put("stream", at < 0 ? null : scope.substring(at + 1)).put("version", card.getVersion())
                .put("selfEnsemble", selfEnsemble.contains(Tasks.served(card))).put("card", json);
    }
}
