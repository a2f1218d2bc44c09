package dev.framelift.schema.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.avro.Schema;

import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Frame;
import dev.framelift.schema.ModelUpdate;
import dev.framelift.schema.RejectedFrame;

/**
 * The serdes of every FrameLift topic, with the older writer schemas each reader still accepts.
 * Older schemas live in {@code src/main/resources/schema-history/} and are never edited.
 */
public final class FrameLiftSerdes {
    private static final SingleObjectCodec<Frame> FRAME =
            new SingleObjectCodec<>(Frame.getClassSchema(), List.of(history("Frame-v1.avsc")));
    private static final SingleObjectCodec<EnhancedFrame> ENHANCED =
            new SingleObjectCodec<>(EnhancedFrame.getClassSchema(), List.of(history("EnhancedFrame-v1.avsc")));
    private static final SingleObjectCodec<RejectedFrame> REJECTED =
            new SingleObjectCodec<>(RejectedFrame.getClassSchema(), List.of(history("RejectedFrame-v1.avsc")));
    private static final SingleObjectCodec<ModelUpdate> MODEL_UPDATE =
            new SingleObjectCodec<>(ModelUpdate.getClassSchema(), List.of(history("ModelUpdate-v1.avsc")));

    private FrameLiftSerdes() {
    }

    public static SingleObjectCodec<Frame> frameCodec() {
        return FRAME;
    }

    public static SingleObjectCodec<EnhancedFrame> enhancedCodec() {
        return ENHANCED;
    }

    public static SingleObjectCodec<RejectedFrame> rejectedCodec() {
        return REJECTED;
    }

    public static SingleObjectCodec<ModelUpdate> modelUpdateCodec() {
        return MODEL_UPDATE;
    }

    public static AvroSerde<Frame> frame() {
        return new AvroSerde<>(FRAME);
    }

    public static AvroSerde<EnhancedFrame> enhancedFrame() {
        return new AvroSerde<>(ENHANCED);
    }

    public static AvroSerde<RejectedFrame> rejectedFrame() {
        return new AvroSerde<>(REJECTED);
    }

    public static AvroSerde<ModelUpdate> modelUpdate() {
        return new AvroSerde<>(MODEL_UPDATE);
    }

    /** Parses a retired schema kept for readers; the classpath resource must exist. */
    static Schema history(String name) {
        try (InputStream in = FrameLiftSerdes.class.getResourceAsStream("/schema-history/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing schema-history/" + name + " on the classpath");
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
