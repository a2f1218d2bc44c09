package dev.framelift.enhancer.corpus;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.framelift.schema.Encoding;
import dev.framelift.schema.Frame;
import dev.framelift.schema.RejectReason;
import dev.framelift.schema.Tasks;
import dev.framelift.schema.serde.FrameLiftSerdes;

/**
 * Hostile records that are not about the image: broken or lying Avro, and frames whose fields,
 * not pixels, are wrong or oversized.
 */
final class RecordCases {
    private static final long TWO_GIB = 1L << 31;

    private RecordCases() {
    }

    static List<CorpusCase> all(CorpusLimits limits) {
        final List<CorpusCase> cases = new ArrayList<>();
        final byte[] valid = frame("valid", Tasks.SR_X2, Encoding.PNG, CraftedImages.png(CraftedImages.pattern(24, 16, 3, 1)));

        cases.add(rejected("empty-value", new byte[0], RejectReason.EMPTY_PAYLOAD, "a record with an empty value"));
        cases.add(rejected("not-avro", "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                RejectReason.UNDECODABLE_RECORD, "text instead of a single-object record"));
        cases.add(rejected("header-only", AvroBytes.header(), RejectReason.UNDECODABLE_RECORD,
                "the 10-byte header and no body"));
        final byte[] foreign = valid.clone();
        foreign[9] ^= 0x55;
        cases.add(rejected("unknown-fingerprint", foreign, RejectReason.UNDECODABLE_RECORD,
                "a writer schema fingerprint nobody registered"));
        cases.add(rejected("string-2gib", new AvroBytes().number(TWO_GIB).frame(), RejectReason.UNDECODABLE_RECORD,
                "15 bytes whose streamId declares 2 GiB"));
        cases.add(rejected("bytes-2gib", AvroBytes.frameUpToPayload("cam", Tasks.SR_X2).number(TWO_GIB).frame(),
                RejectReason.UNDECODABLE_RECORD, "a payload length of 2 GiB"));
        cases.add(rejected("map-count-2pow31", AvroBytes.frameUpToPayload("cam", Tasks.SR_X2).number(0).number(TWO_GIB)
                .frame(), RejectReason.UNDECODABLE_RECORD, "an attributes block of 2^31 entries"));
        cases.add(rejected("map-count-min-long", AvroBytes.frameUpToPayload("cam", Tasks.SR_X2).number(0)
                .number(Long.MIN_VALUE).number(1).frame(), RejectReason.UNDECODABLE_RECORD,
                "a negative block count whose negation overflows"));
        cases.add(rejected("negative-length", new AvroBytes().number(-7).frame(), RejectReason.UNDECODABLE_RECORD,
                "a string of length -7"));
        cases.add(rejected("endless-varint", new AvroBytes().text("cam").raw(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                0xff, 0xff, 0xff, 0xff, 0xff).frame(), RejectReason.UNDECODABLE_RECORD, "a varint that never ends"));
        cases.add(rejected("enum-out-of-range", new AvroBytes().text("cam").number(0).number(0).text(Tasks.SR_X2)
                .number(99).frame(), RejectReason.UNDECODABLE_RECORD, "encoding symbol 99 of 4"));
        cases.add(rejected("trailing-bytes", Arrays.copyOf(valid, valid.length + 5), RejectReason.UNDECODABLE_RECORD,
                "a valid frame followed by 5 stray bytes"));
        cases.add(rejected("truncated-record", Arrays.copyOf(valid, valid.length / 2), RejectReason.UNDECODABLE_RECORD,
                "a valid frame cut in half"));
        cases.add(rejected("too-many-attributes", manyAttributes(), RejectReason.UNDECODABLE_RECORD,
                "10,001 empty attributes: tiny on the wire, millions of objects if decoded blindly"));

        cases.add(rejected("unknown-task", frame("unknown-task", "sr-x8", Encoding.PNG,
                CraftedImages.png(CraftedImages.pattern(24, 16, 3, 2))), RejectReason.UNKNOWN_TASK, "task sr-x8"));
        cases.add(rejected("empty-task", frame("empty-task", "", Encoding.PNG,
                CraftedImages.png(CraftedImages.pattern(24, 16, 3, 2))), RejectReason.UNKNOWN_TASK, "task \"\""));
        cases.add(rejected("empty-payload", frame("empty-payload", Tasks.SR_X2, Encoding.PNG, new byte[0]),
                RejectReason.EMPTY_PAYLOAD, "a frame with no image"));
        cases.add(rejected("raw-size-mismatch", raw("raw-size-mismatch", Encoding.RGB8, new byte[299], 10, 10),
                RejectReason.RAW_SIZE_MISMATCH, "RGB8 10x10 in 299 bytes"));
        cases.add(rejected("raw-zero-dimensions", raw("raw-zero-dimensions", Encoding.GRAY8, new byte[16], 0, 16),
                RejectReason.INVALID_DIMENSIONS, "GRAY8 0x16"));
        cases.add(rejected("raw-negative-dimensions", raw("raw-negative-dimensions", Encoding.GRAY8, new byte[16], -4, -4),
                RejectReason.INVALID_DIMENSIONS, "GRAY8 -4x-4"));
        cases.add(rejected("raw-huge-dimensions", raw("raw-huge-dimensions", Encoding.RGB8, new byte[12], 100_000, 100_000),
                RejectReason.DIMENSIONS_TOO_LARGE, "RGB8 claiming 100000x100000 over 12 bytes"));
        cases.add(rejected("payload-over-limit", frame("payload-over-limit", Tasks.COLORIZE, Encoding.GRAY8,
                new byte[limits.frameMaxBytes() + 1]), RejectReason.FRAME_TOO_LARGE, "one byte over frame.max.bytes"));
        cases.add(rejected("output-record-too-large", bloatedOutput(limits), RejectReason.OUTPUT_TOO_LARGE,
                "attributes that fit the input but not the enhanced record"));

        cases.add(enhanced("raw-gray-1x1", raw("raw-gray-1x1", Encoding.GRAY8, new byte[] {(byte) 200}, 1, 1),
                "the smallest frame there is, colorized"));
        cases.add(enhanced("long-stream-id", frame("cam-" + "x".repeat(60_000), Tasks.SR_X2, Encoding.PNG,
                CraftedImages.png(CraftedImages.pattern(16, 16, 3, 3))), "a 60 KB stream id, carried through"));
        cases.add(enhanced("unicode-everywhere", frame("камера-📷-\u0000-\uFFFD", Tasks.SR_X2, Encoding.PNG,
                CraftedImages.png(CraftedImages.pattern(16, 16, 3, 4))), "a stream id of Cyrillic, emoji and NUL"));
        cases.add(enhanced("v1-frame", v1Frame(), "a frame in the schema as first published"));
        return cases;
    }

    /** A valid frame of the current schema, its stream id the case name. */
    static byte[] frame(String streamId, String task, Encoding encoding, byte[] payload) {
        return FrameLiftSerdes.frameCodec().encode(Frame.newBuilder().setStreamId(streamId).setSequence(0)
                .setCaptureTime(java.time.Instant.now()).setTask(task).setEncoding(encoding)
                .setPayload(ByteBuffer.wrap(payload)).setAttributes(Map.of("corpus", "hostile")).build());
    }

    private static byte[] raw(String streamId, Encoding encoding, byte[] pixels, int width, int height) {
        final Frame frame = FrameLiftSerdes.frameCodec().decode(frame(streamId, encoding == Encoding.GRAY8 ? Tasks.COLORIZE
                : Tasks.SR_X2, encoding, pixels));
        frame.setWidth(width);
        frame.setHeight(height);
        return FrameLiftSerdes.frameCodec().encode(frame);
    }

    private static byte[] manyAttributes() {
        final AvroBytes body = AvroBytes.frameUpToPayload("cam", Tasks.SR_X2).blob(new byte[] {1});
        final int n = dev.framelift.schema.serde.SingleObjectCodec.MAX_COLLECTION_ITEMS + 1;
        body.number(n);
        for (int i = 0; i < n; i++) {
            body.text("").text("");
        }
        return body.number(0).frame();
    }

    /** Noise enhanced x4 grows 16-fold; with attributes filling the rest, the input fits and the output does not. */
    private static byte[] bloatedOutput(CorpusLimits limits) {
        final int side = (int) Math.min(64, Math.sqrt(limits.outputMaxPixels() / 16.0));
        final byte[] png = CraftedImages.png(CraftedImages.noise(side, side, 3, 7));
        final Frame frame = FrameLiftSerdes.frameCodec().decode(frame("output-record-too-large", Tasks.SR_X4, Encoding.PNG, png));
        final Map<String, String> attributes = new HashMap<>(frame.getAttributes());
        attributes.put("padding", "p".repeat(limits.messageMaxBytes() - png.length - 16 * 1024));
        frame.setAttributes(attributes);
        return FrameLiftSerdes.frameCodec().encode(frame);
    }

    /** A Frame written with the first published schema: no width, height or attributes. */
    private static byte[] v1Frame() {
        final org.apache.avro.Schema v1 = new org.apache.avro.Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Frame\","
                + "\"namespace\":\"dev.framelift.schema\",\"fields\":[{\"name\":\"streamId\",\"type\":\"string\"},"
                + "{\"name\":\"sequence\",\"type\":\"long\"},{\"name\":\"captureTime\",\"type\":{\"type\":\"long\","
                + "\"logicalType\":\"timestamp-millis\"}},{\"name\":\"task\",\"type\":\"string\"},{\"name\":\"encoding\","
                + "\"type\":{\"type\":\"enum\",\"name\":\"Encoding\",\"symbols\":[\"PNG\",\"JPEG\"]}},"
                + "{\"name\":\"payload\",\"type\":\"bytes\"}]}");
        final byte[] png = CraftedImages.png(CraftedImages.pattern(16, 12, 3, 5));
        final byte[] body = new AvroBytes().text("v1-frame").number(0).number(System.currentTimeMillis()).text(Tasks.SR_X2)
                .number(0).blob(png).body();
        final ByteBuffer out = ByteBuffer.allocate(10 + body.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 0xc3).put((byte) 0x01).putLong(org.apache.avro.SchemaNormalization.parsingFingerprint64(v1)).put(body);
        return out.array();
    }

    static CorpusCase rejected(String name, byte[] value, RejectReason reason, String description) {
        return new CorpusCase("hostile-" + name, value, Set.of(reason.name()), description);
    }

    static CorpusCase enhanced(String name, byte[] value, String description) {
        return new CorpusCase("hostile-" + name, value, Set.of(CorpusCase.ENHANCED), description);
    }
}
