package dev.framelift.enhancer.gateway;

import java.util.Optional;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import dev.framelift.enhancer.image.ImageCodec;
import dev.framelift.enhancer.live.FramePair;
import dev.framelift.enhancer.live.PendingResults;
import dev.framelift.enhancer.live.StoredImage;
import dev.framelift.enhancer.live.StreamBoard;
import dev.framelift.enhancer.live.StreamSummary;
import dev.framelift.schema.Encoding;

/**
 * The streams, as the follower sees them across every instance:
 * <ul>
 * <li>{@code GET /v1/streams}: every stream with frames in/out, fps, lag, latency, last model
 * version, rejections by reason;</li>
 * <li>{@code GET /v1/streams/{id}}: one of them;</li>
 * <li>{@code GET /v1/streams/{id}/latest?kind=raw|enhanced|input}: the newest frame on
 * {@code frames.raw}, the newest enhanced frame, or the input that newest enhanced frame was
 * made from (for before/after views), as PNG;</li>
 * <li>{@code GET /v1/streams/{id}/frames/{sequence}?kind=enhanced|input}: one of the last few
 * enhanced frames or its input, so both halves of a before/after pair match.</li>
 * </ul>
 * Frames that are not PNG on the topic (JPEG, raw pixels) are converted on a worker thread.
 */
final class StreamsHandler {
    private final Vertx vertx;
    private final StreamBoard board;
    private final PendingResults pending;
    private final ImageCodec codec;

    StreamsHandler(Vertx vertx, StreamBoard board, PendingResults pending, ImageCodec codec) {
        this.vertx = vertx;
        this.board = board;
        this.pending = pending;
        this.codec = codec;
    }

    void list(RoutingContext ctx) {
        final JsonArray streams = new JsonArray();
        board.summaries().forEach(s -> streams.add(toJson(s)));
        final JsonObject rejected = new JsonObject();
        board.rejectedByReason().forEach(rejected::put);
        ok(ctx, new JsonObject().put("streams", streams).put("rejectedByReason", rejected)
                .put("untrackedFrames", board.untracked()).put("waitingRequests", pending.waiting()));
    }

    void one(RoutingContext ctx) {
        final String id = ctx.pathParam("id");
        board.summary(id).ifPresentOrElse(s -> ok(ctx, toJson(s)), () -> unknownStream(ctx, id));
    }

    void latest(RoutingContext ctx) {
        final String id = ctx.pathParam("id");
        final String kind = Optional.ofNullable(ctx.queryParams().get("kind")).orElse("enhanced");
        final Optional<StoredImage> image = switch (kind) {
            case "raw" -> board.latestRaw(id);
            case "enhanced" -> board.latestPair(id).map(FramePair::enhanced);
            case "input" -> board.latestPair(id).map(FramePair::input);
            default -> null;
        };
        if (image == null) {
            JsonErrors.send(ctx, 400, "unknown kind '" + kind + "': use raw, enhanced or input");
        } else if (image.isEmpty()) {
            noFrame(ctx, id, kind);
        } else {
            png(ctx, id, image.get());
        }
    }

    void frame(RoutingContext ctx) {
        final String id = ctx.pathParam("id");
        final long sequence;
        try {
            sequence = Long.parseLong(ctx.pathParam("sequence"));
        } catch (NumberFormatException e) {
            JsonErrors.send(ctx, 400, "the sequence must be a number, got '" + ctx.pathParam("sequence") + "'");
            return;
        }
        final String kind = Optional.ofNullable(ctx.queryParams().get("kind")).orElse("enhanced");
        if (!kind.equals("enhanced") && !kind.equals("input")) {
            JsonErrors.send(ctx, 400, "unknown kind '" + kind + "': use enhanced or input");
            return;
        }
        final Optional<StoredImage> image = board.pair(id, sequence).map(p -> kind.equals("input") ? p.input() : p.enhanced());
        if (image.isEmpty()) {
            JsonErrors.send(ctx, 404, "frame " + sequence + " of stream '" + id + "' is not kept (only the last few are): "
                    + "use /v1/streams/" + id + "/latest");
        } else {
            png(ctx, id, image.get());
        }
    }

    private void png(RoutingContext ctx, String id, StoredImage image) {
        ctx.response().putHeader("Cache-Control", "no-store").putHeader("X-FrameLift-Sequence", String.valueOf(image.sequence()));
        if (image.encoding() == Encoding.PNG) {
            ctx.response().putHeader("Content-Type", "image/png").end(Buffer.buffer(image.bytes()));
            return;
        }
        vertx.executeBlocking(() -> codec.encode(codec.decode(image.encoding(), image.bytes(), image.width(), image.height()),
                        Encoding.PNG), false)
                .onSuccess(png -> ctx.response().putHeader("Content-Type", "image/png").end(Buffer.buffer(png)))
                .onFailure(e -> JsonErrors.send(ctx, 500, "frame " + image.sequence() + " of stream '" + id
                        + "' cannot be shown as PNG: " + e.getMessage()));
    }

    private void noFrame(RoutingContext ctx, String id, String kind) {
        if (board.summary(id).isEmpty()) {
            unknownStream(ctx, id);
        } else {
            JsonErrors.send(ctx, 404, "stream '" + id + "' has no " + kind + " frame yet"
                    + (kind.equals("input") ? " (the input of its newest enhanced frame arrived before this gateway started)" : ""));
        }
    }

    private void unknownStream(RoutingContext ctx, String id) {
        JsonErrors.send(ctx, 404, "no stream '" + id + "' seen since this gateway started; GET /v1/streams lists them");
    }

    static JsonObject toJson(StreamSummary s) {
        final JsonObject rejected = new JsonObject();
        s.rejectedByReason().forEach(rejected::put);
        final JsonObject json = new JsonObject().put("id", s.id()).put("task", s.task()).put("partition", s.partition())
                .put("framesIn", s.framesIn()).put("framesOut", s.framesOut()).put("rejected", s.rejected())
                .put("rejectedByReason", rejected)
                .put("inFps", round(s.inFps())).put("outFps", round(s.outFps())).put("lag", s.lag())
                .put("modelVersion", s.modelVersion()).put("lastSequence", s.lastSequence())
                .put("lastFrameAgeMs", s.lastFrameAgeMs())
                .put("latencyMs", new JsonObject().put("p50", s.latencyP50Ms()).put("p95", s.latencyP95Ms())
                        .put("last", s.lastLatencyMs()));
        if (s.pairSequence() >= 0) {
            json.put("pairSequence", s.pairSequence());
        }
        return json;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static void ok(RoutingContext ctx, JsonObject body) {
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").putHeader("Cache-Control", "no-store")
                .end(body.encode());
    }
}
