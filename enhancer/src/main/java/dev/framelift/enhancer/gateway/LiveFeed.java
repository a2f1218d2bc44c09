package dev.framelift.enhancer.gateway;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import dev.framelift.enhancer.live.StreamBoard;

/**
 * Server-Sent Events: {@code GET /v1/live} (every stream) and {@code GET /v1/streams/{id}/live}
 * (one). Each {@code stream} event carries the stream's summary (as in {@code /v1/streams})
 * plus {@code pairSequence}, the newest enhanced frame, whose images are at
 * {@code /v1/streams/{id}/frames/{pairSequence}?kind=enhanced|input}.
 *
 * <p>Events are coalesced: every {@value #TICK_MS} ms, each stream that changed gets one event
 * with its newest state, so a page sees every stream move without being flooded by a camera
 * at hundreds of frames per second (a page cannot show more anyway). A client that reads too
 * slowly misses events rather than growing the server's buffers. New clients first get one
 * event per known stream. Everything here runs on the gateway verticle's event loop.
 */
final class LiveFeed {
    static final long TICK_MS = 200;
    private static final long KEEPALIVE_MS = 15_000;

    private record Client(HttpServerResponse response, String streamId) {
    }

    private final StreamBoard board;
    private final List<Client> clients = new ArrayList<>();
    private Map<String, Long> lastVersions = new HashMap<>();

    LiveFeed(StreamBoard board) {
        this.board = board;
    }

    /** Starts the ticks on the caller's context (the verticle's). */
    void start(Vertx vertx) {
        vertx.setPeriodic(TICK_MS, t -> tick());
        vertx.setPeriodic(KEEPALIVE_MS, t -> clients.forEach(c -> write(c, ": keep-alive\n\n")));
    }

    void all(RoutingContext ctx) {
        subscribe(ctx, null);
    }

    void one(RoutingContext ctx) {
        subscribe(ctx, ctx.pathParam("id"));
    }

    private void subscribe(RoutingContext ctx, String streamId) {
        final HttpServerResponse response = ctx.response();
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("X-Accel-Buffering", "no");
        final Client client = new Client(response, streamId);
        clients.add(client);
        response.closeHandler(v -> clients.remove(client));
        response.exceptionHandler(e -> clients.remove(client));
        write(client, "retry: 2000\n\n");
        board.summaries().stream().filter(s -> streamId == null || streamId.equals(s.id()))
                .forEach(s -> write(client, event(s.id())));
    }

    int clients() {
        return clients.size();
    }

    private void tick() {
        final Map<String, Long> versions = board.versions();
        if (!clients.isEmpty()) {
            versions.forEach((id, version) -> {
                if (!version.equals(lastVersions.get(id))) {
                    final String event = event(id);
                    for (Client client : List.copyOf(clients)) {
                        if (client.streamId == null || client.streamId.equals(id)) {
                            write(client, event);
                        }
                    }
                }
            });
        }
        lastVersions = versions;
    }

    private String event(String id) {
        final JsonObject data = board.summary(id).map(StreamsHandler::toJson).orElseGet(() -> new JsonObject().put("id", id));
        return "event: stream\ndata: " + data.encode() + "\n\n";
    }

    private static void write(Client client, String text) {
        if (!client.response.closed() && !client.response.writeQueueFull()) {
            client.response.write(text);
        }
    }
}
