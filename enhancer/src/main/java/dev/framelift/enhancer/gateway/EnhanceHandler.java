package dev.framelift.enhancer.gateway;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import dev.framelift.enhancer.image.ContainerFormat;
import dev.framelift.enhancer.live.PendingResults.Outcome;
import dev.framelift.enhancer.live.PendingResults;
import dev.framelift.enhancer.pipeline.Payloads;
import dev.framelift.schema.Encoding;
import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Frame;
import dev.framelift.schema.RejectedFrame;
import dev.framelift.schema.Tasks;
import dev.framelift.schema.Topics;
import dev.framelift.schema.serde.FrameLiftSerdes;

/**
 * {@code POST /v1/enhance?task=T[&stream=S]}: the body is a PNG or JPEG; the answer is the
 * enhanced image. The image travels like any frame: a Frame on {@code frames.raw} (key: the
 * stream, {@value #UPLOAD_STREAM} by default) tagged with a request id, enhanced by whichever
 * instance owns its partition, and its result read back by this gateway's follower.
 *
 * <p>Answers: 200 with the image and {@code X-FrameLift-*} headers; 400 for a missing or
 * unknown task or an empty body; 413 for a body over {@code frame.max.bytes} (the router's body
 * limit); 415 for anything but PNG or JPEG; 422 with the reason when the enhancer rejected the
 * image; 503 when too many requests wait or Kafka cannot take the frame; 504 when no result came
 * within {@code http.enhance.timeout.ms}.
 */
final class EnhanceHandler implements Handler<RoutingContext> {
    static final String UPLOAD_STREAM = "upload";
    private static final int MAX_STREAM_ID = 200;

    private final Vertx vertx;
    private final Producer<byte[], byte[]> producer;
    private final PendingResults pending;
    private final Duration timeout;
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() * 1000);

    EnhanceHandler(Vertx vertx, Producer<byte[], byte[]> producer, PendingResults pending, Duration timeout) {
        this.vertx = vertx;
        this.producer = producer;
        this.pending = pending;
        this.timeout = timeout;
    }

    @Override
    public void handle(RoutingContext ctx) {
        final String task = ctx.queryParams().get("task");
        if (task == null || !Tasks.ALL.contains(task)) {
            JsonErrors.send(ctx, 400, (task == null ? "missing ?task=" : "unknown task '" + task + "'")
                    + ": use one of " + String.join(", ", Tasks.ALL) + ", e.g. POST /v1/enhance?task=sr-x2");
            return;
        }
        final String stream = Optional.ofNullable(ctx.queryParams().get("stream")).orElse(UPLOAD_STREAM).trim();
        if (stream.isEmpty() || stream.length() > MAX_STREAM_ID) {
            JsonErrors.send(ctx, 400, "?stream= must be 1 to " + MAX_STREAM_ID + " characters");
            return;
        }
        final Buffer body = ctx.body().buffer();
        if (body == null || body.length() == 0) {
            JsonErrors.send(ctx, 400, "the request body is empty: send the image bytes (PNG or JPEG) as the body");
            return;
        }
        final byte[] image = body.getBytes();
        final Optional<Encoding> encoding = encodingOf(ctx.request().getHeader("Content-Type"), image);
        if (encoding.isEmpty()) {
            JsonErrors.send(ctx, 415, "unsupported image: send a PNG or JPEG as the body, with Content-Type image/png "
                    + "or image/jpeg (got " + Optional.ofNullable(ctx.request().getHeader("Content-Type")).orElse("no Content-Type")
                    + ")");
            return;
        }
        final String requestId = UUID.randomUUID().toString();
        final Optional<CompletableFuture<Outcome>> waiting = pending.register(requestId);
        if (waiting.isEmpty()) {
            ctx.response().putHeader("Retry-After", "1");
            JsonErrors.send(ctx, 503, "too many enhance requests are waiting for their results (" + pending.waiting()
                    + "); retry in a moment");
            return;
        }
        final Frame frame = Frame.newBuilder().setStreamId(stream).setSequence(sequence.incrementAndGet())
                .setCaptureTime(Instant.now()).setTask(task).setEncoding(encoding.get()).setWidth(0).setHeight(0)
                .setPayload(ByteBuffer.wrap(image))
                .setAttributes(Map.of(PendingResults.REQUEST_ID, requestId, "source", "POST /v1/enhance"))
                .build();
        final long started = System.nanoTime();
        ctx.response().closeHandler(v -> pending.forget(requestId));
        vertx.executeBlocking(() -> send(frame), false)
                .compose(sent -> withTimeout(waiting.get(), requestId))
                .onSuccess(outcome -> answer(ctx, outcome, started))
                .onFailure(failure -> {
                    pending.forget(requestId);
                    if (failure instanceof TimeoutException) {
                        JsonErrors.send(ctx, 504, "no result within " + timeout.toMillis() + " ms: the enhancers may be "
                                + "busy, stopped or lagging (see /v1/streams); the frame may still be enhanced later");
                    } else {
                        JsonErrors.send(ctx, 503, "cannot publish the frame to Kafka: " + failure.getMessage());
                    }
                });
    }

    private Void send(Frame frame) throws Exception {
        producer.send(new ProducerRecord<>(Topics.RAW, frame.getStreamId().getBytes(StandardCharsets.UTF_8),
                FrameLiftSerdes.frameCodec().encode(frame))).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return null;
    }

    private Future<Outcome> withTimeout(CompletableFuture<Outcome> result, String requestId) {
        final long timer = vertx.setTimer(timeout.toMillis(), t -> {
            pending.forget(requestId);
            result.completeExceptionally(new TimeoutException());
        });
        return Future.fromCompletionStage(result, vertx.getOrCreateContext()).onComplete(done -> vertx.cancelTimer(timer));
    }

    private static void answer(RoutingContext ctx, Outcome outcome, long startedNanos) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        final long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
        if (outcome.rejected() != null) {
            final RejectedFrame rejected = outcome.rejected();
            JsonErrors.send(ctx, 422, new JsonObject()
                    .put("error", "the enhancer rejected the image: " + rejected.getMessage())
                    .put("reason", rejected.getReason().name()));
            return;
        }
        final EnhancedFrame enhanced = outcome.enhanced();
        // RGB8 (output.encoding for consumers nearby) goes out as the raw pixels; X-FrameLift-Size gives their shape
        final String extension = switch (enhanced.getEncoding()) {
            case JPEG -> "jpg";
            case PNG -> "png";
            default -> "rgb";
        };
        ctx.response()
                .putHeader("Content-Type", switch (enhanced.getEncoding()) {
                    case JPEG -> "image/jpeg";
                    case PNG -> "image/png";
                    default -> "application/octet-stream";
                })
                .putHeader("Content-Disposition", "inline; filename=\"enhanced-" + enhanced.getTask() + "." + extension + "\"")
                .putHeader("X-FrameLift-Task", enhanced.getTask())
                .putHeader("X-FrameLift-Model-Version", enhanced.getModelVersion())
                .putHeader("X-FrameLift-Size", enhanced.getInputWidth() + "x" + enhanced.getInputHeight() + " -> "
                        + enhanced.getWidth() + "x" + enhanced.getHeight())
                .putHeader("X-FrameLift-Elapsed-Ms", String.valueOf(millis))
                .end(Buffer.buffer(Payloads.bytes(enhanced.getPayload())));
    }

    /**
     * The image's encoding from its first bytes; a declared PNG/JPEG whose bytes are neither is
     * sent as declared (the enhancer rejects it with a reason: 422). Empty: not an image we take.
     */
    static Optional<Encoding> encodingOf(String contentType, byte[] image) {
        final String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        final boolean declaredPng = type.equals("image/png");
        final boolean declaredJpeg = type.equals("image/jpeg") || type.equals("image/jpg");
        final boolean generic = type.isEmpty() || type.equals("application/octet-stream");
        if (!declaredPng && !declaredJpeg && !generic) {
            return Optional.empty();
        }
        return switch (ContainerFormat.sniff(image)) {
            case PNG -> Optional.of(Encoding.PNG);
            case JPEG -> Optional.of(Encoding.JPEG);
            case OTHER_IMAGE -> Optional.empty();
            case UNKNOWN -> declaredPng ? Optional.of(Encoding.PNG) : declaredJpeg ? Optional.of(Encoding.JPEG) : Optional.empty();
        };
    }
}
