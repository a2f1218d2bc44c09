package dev.framelift.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import dev.framelift.schema.Encoding;
import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Frame;
import dev.framelift.schema.ModelAction;
import dev.framelift.schema.ModelCard;
import dev.framelift.schema.ModelUpdate;
import dev.framelift.schema.RejectReason;
import dev.framelift.schema.RejectedFrame;
import dev.framelift.schema.Timings;

class FrameLiftSerdesTest {

    static Frame frame() {
        return Frame.newBuilder()
                .setStreamId("cam-7").setSequence(42).setCaptureTime(Instant.ofEpochMilli(1_700_000_000_123L))
                .setTask("sr-x2").setEncoding(Encoding.GRAY8).setWidth(2).setHeight(2)
                .setPayload(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}))
                .setAttributes(Map.of("trace", "abc")).build();
    }

    @Test
    void shouldRoundTripFrame() {
        AvroSerde<Frame> serde = FrameLiftSerdes.frame();
        byte[] bytes = serde.serialize("frames.raw", frame());
        assertThat(serde.deserialize("frames.raw", bytes)).isEqualTo(frame());
    }

    @Test
    void shouldWriteTheSingleObjectHeaderWithTheSchemaFingerprint() {
        byte[] bytes = FrameLiftSerdes.frame().serialize("t", frame());
        long fingerprint = SchemaNormalization.parsingFingerprint64(Frame.getClassSchema());
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong()).isEqualTo(fingerprint);
    }

    @Test
    void shouldMatchTheFingerprintsDocumentedInTheReadme() throws IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        for (Schema schema : List.of(Frame.getClassSchema(), EnhancedFrame.getClassSchema(),
                RejectedFrame.getClassSchema(), ModelUpdate.getClassSchema())) {
            assertThat(readme).contains("| " + schema.getName() + " | `" + wireBytes(schema) + "` |");
        }
    }

    private static String wireBytes(Schema schema) {
        byte[] bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(SchemaNormalization.parsingFingerprint64(schema)).array();
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(hex.length() == 0 ? "" : " ").append(String.format("%02x", b));
        }
        return hex.toString();
    }

    @Test
    void shouldRoundTripEnhancedRejectedAndModelUpdate() {
        EnhancedFrame enhanced = EnhancedFrame.newBuilder()
                .setStreamId("cam-7").setSequence(1).setCaptureTime(Instant.ofEpochMilli(5)).setTask("colorize")
                .setModelVersion("colorize-1").setInputWidth(2).setInputHeight(2).setWidth(2).setHeight(2)
                .setEncoding(Encoding.PNG).setPayload(ByteBuffer.wrap(new byte[] {9}))
                .setTimings(new Timings(0.1, 0.2, 0.3, 0.4, 3)).setEnhancedTime(Instant.ofEpochMilli(6)).build();
        assertThat(FrameLiftSerdes.enhancedFrame().deserialize("t", FrameLiftSerdes.enhancedFrame().serialize("t", enhanced)))
                .isEqualTo(enhanced);

        RejectedFrame rejected = RejectedFrame.newBuilder()
                .setReason(RejectReason.CORRUPT_IMAGE).setMessage("truncated").setSourceTopic("frames.raw")
                .setSourcePartition(2).setSourceOffset(77).setOriginalValue(ByteBuffer.wrap(new byte[] {1, 2}))
                .setRejectedTime(Instant.ofEpochMilli(8)).build();
        assertThat(FrameLiftSerdes.rejectedFrame().deserialize("t", FrameLiftSerdes.rejectedFrame().serialize("t", rejected)))
                .isEqualTo(rejected);

        ModelCard card = ModelCard.newBuilder().setTask("sr-x2").setVersion("v1").setScale(2).setInputChannels(3)
                .setArchitecture("espcn").setCreatedTime(Instant.ofEpochMilli(9)).setMetrics(Map.of("psnr_y", 31.5))
                .build();
        ModelUpdate update = ModelUpdate.newBuilder().setTask("sr-x2").setCard(card)
                .setArtifact(ByteBuffer.wrap(new byte[] {5})).setPublishedTime(Instant.ofEpochMilli(10)).build();
        assertThat(FrameLiftSerdes.modelUpdate().deserialize("t", FrameLiftSerdes.modelUpdate().serialize("t", update)))
                .isEqualTo(update);
    }

    @Test
    void shouldReadRecordsWrittenWithThePreviousFrameSchema() throws IOException {
        Schema v1 = FrameLiftSerdes.history("Frame-v1.avsc");
        GenericRecord old = new GenericData.Record(v1);
        old.put("streamId", "archive-3");
        old.put("sequence", 5L);
        old.put("captureTime", 1234L);
        old.put("task", "colorize");
        old.put("encoding", new GenericData.EnumSymbol(v1.getField("encoding").schema(), "PNG"));
        old.put("payload", ByteBuffer.wrap(new byte[] {7, 7}));

        Frame read = FrameLiftSerdes.frame().deserialize("frames.raw", singleObject(v1, old));

        assertThat(read.getStreamId()).isEqualTo("archive-3");
        assertThat(read.getSequence()).isEqualTo(5L);
        assertThat(read.getEncoding()).isEqualTo(Encoding.PNG);
        assertThat(read.getWidth()).isZero();
        assertThat(read.getAttributes()).isEmpty();
        assertThat(read.getPayload().array()).containsExactly(7, 7);
    }

    @Test
    void shouldReadAModelUpdateWrittenBeforeScopesAndSignaturesAsAnUnsignedPublishOfItsTask() throws IOException {
        Schema v1 = FrameLiftSerdes.history("ModelUpdate-v1.avsc");
        Schema cardV1 = v1.getField("card").schema();
        GenericRecord card = new GenericData.Record(cardV1);
        cardV1.getFields().stream().filter(Schema.Field::hasDefaultValue)
                .forEach(f -> card.put(f.name(), GenericData.get().getDefaultValue(f)));
        card.put("task", "colorize");
        card.put("version", "colorize-1");
        card.put("scale", 1);
        card.put("inputChannels", 1);
        card.put("architecture", "unet");
        card.put("createdTime", 5L);
        GenericRecord old = new GenericData.Record(v1);
        old.put("task", "colorize");
        old.put("card", card);
        old.put("artifact", ByteBuffer.wrap(new byte[] {1, 2}));
        old.put("publishedTime", 6L);

        ModelUpdate read = FrameLiftSerdes.modelUpdate().deserialize("models", singleObject(v1, old));

        assertThat(read.getCard().getVersion()).isEqualTo("colorize-1");
        assertThat(read.getScope()).isEmpty();
        assertThat(read.getAction()).isEqualTo(ModelAction.PUBLISH);
        assertThat(read.getSignature()).isNull();
        assertThat(read.getCard().getValidationData()).isEmpty();
    }

    @Test
    void shouldReadAnEnhancedFrameWrittenBeforeProvenanceAndFlavourAsFaithfulWithEmptyScopeAndSha() throws IOException {
        Schema v1 = FrameLiftSerdes.history("EnhancedFrame-v1.avsc");
        GenericRecord timings = new GenericData.Record(v1.getField("timings").schema());
        for (String f : List.of("decodeMs", "queuedMs", "inferenceMs", "encodeMs")) {
            timings.put(f, 1.0);
        }
        timings.put("batchSize", 2);
        GenericRecord old = new GenericData.Record(v1);
        old.put("streamId", "cam-1");
        old.put("sequence", 3L);
        old.put("captureTime", 4L);
        old.put("task", "sr-x2");
        old.put("modelVersion", "sr-x2-1");
        old.put("inputWidth", 2);
        old.put("inputHeight", 2);
        old.put("width", 4);
        old.put("height", 4);
        old.put("encoding", new GenericData.EnumSymbol(v1.getField("encoding").schema(), "PNG"));
        old.put("payload", ByteBuffer.wrap(new byte[] {9}));
        old.put("attributes", Map.of());
        old.put("timings", timings);
        old.put("enhancedTime", 5L);

        EnhancedFrame read = FrameLiftSerdes.enhancedFrame().deserialize("frames.enhanced", singleObject(v1, old));

        assertThat(read.getModelVersion()).isEqualTo("sr-x2-1");
        assertThat(read.getFlavour()).isEqualTo("faithful");
        assertThat(read.getModelScope()).isEmpty();
        assertThat(read.getModelSha256()).isEmpty();
    }

    @Test
    void shouldRefuseBytesThatAreNotASingleObjectFrame() {
        AvroSerde<Frame> serde = FrameLiftSerdes.frame();
        assertThatThrownBy(() -> serde.deserialize("frames.raw", "not avro".getBytes()))
                .isInstanceOf(SerializationException.class);
        byte[] truncated = Arrays.copyOf(serde.serialize("t", frame()), 14);
        assertThatThrownBy(() -> serde.deserialize("frames.raw", truncated))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void shouldKeepNullAsNull() {
        assertThat(FrameLiftSerdes.frame().deserialize("t", null)).isNull();
        assertThat(FrameLiftSerdes.frame().serialize("t", null)).isNull();
    }

    /** Encodes by hand, as a client in another language following schemas/README.md would. */
    static byte[] singleObject(Schema writer, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xC3);
        out.write(0x01);
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(SchemaNormalization.parsingFingerprint64(writer)).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(writer).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
