package dev.framelift.enhancer.testing;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;

import dev.framelift.schema.Encoding;
import dev.framelift.schema.Frame;

/** Frames for tests. */
public final class TestFrames {
    private TestFrames() {
    }

    public static Frame png(String streamId, long sequence, String task, int width, int height, boolean gray) {
        return frame(streamId, sequence, task, Encoding.PNG, TestPayloads.png(width, height, gray, (int) sequence), 0, 0);
    }

    public static Frame frame(String streamId, long sequence, String task, Encoding encoding, byte[] payload,
            int width, int height) {
        return Frame.newBuilder().setStreamId(streamId).setSequence(sequence).setCaptureTime(Instant.now())
                .setTask(task).setEncoding(encoding).setWidth(width).setHeight(height)
                .setPayload(ByteBuffer.wrap(payload)).setAttributes(Map.of("trace", streamId + "-" + sequence))
                .build();
    }
}
