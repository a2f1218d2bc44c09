package dev.framelift.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import dev.framelift.schema.Frame;
import dev.framelift.schema.RejectReason;
import dev.framelift.schema.RejectedFrame;

/**
 * Records whose length fields lie: each is refused as invalid before Avro allocates what it
 * declares. Allocation is measured on the decoding thread, so a decoder that allocated 2 GiB and
 * then failed on the missing bytes would fail these tests too.
 */
class BoundedDecodingTest {
    private static final long TWO_GIB = 1L << 31;
    private static final long ALLOCATION_ALLOWANCE = 1 << 20;

    @Test
    void shouldRefuseAFifteenByteRecordDeclaringATwoGibStringWithoutAllocatingIt() {
        byte[] record = new Body().varint(TWO_GIB).frame();
        assertThat(record).hasSize(15);

        assertRefusedCheaply(record, "Frame.streamId declares a string of 2147483648 bytes");
    }

    @Test
    void shouldRefuseATwoGibBytesLengthWithoutAllocatingIt() {
        byte[] record = new Body().string("cam").varint(0).varint(0).string("sr-x2").varint(0).varint(0).varint(0)
                .varint(TWO_GIB).frame();

        assertRefusedCheaply(record, "Frame.payload declares bytes of 2147483648 bytes");
    }

    @Test
    void shouldRefuseAMapBlockCountOfTwoToTheThirtyOneWithoutAllocatingIt() {
        byte[] record = validFrameUpToAttributes().varint(TWO_GIB).frame();

        assertRefusedCheaply(record, "Frame.attributes declares 2147483648 items");
    }

    @Test
    void shouldRefuseANegativeBlockCountThatOverflows() {
        byte[] record = validFrameUpToAttributes().varint(Long.MIN_VALUE).varint(1).frame();

        assertRefusedCheaply(record, "Frame.attributes");
    }

    @Test
    void shouldRefuseABlockThatCouldNotFitInTheRecordEvenAtTheSmallestItemSize() {
        // 100 entries need at least 200 bytes (an empty key and an empty value each)
        byte[] record = validFrameUpToAttributes().varint(100).string("k").string("v").varint(0).frame();

        assertRefusedCheaply(record, "100 items of at least 2 byte(s) each");
    }

    @Test
    void shouldRefuseMoreMapEntriesThanTheCollectionLimitEvenWhenTheyFit() {
        Body body = validFrameUpToAttributes().varint(SingleObjectCodec.MAX_COLLECTION_ITEMS + 1);
        for (int i = 0; i <= SingleObjectCodec.MAX_COLLECTION_ITEMS; i++) {
            body.string("").string("");
        }

        assertThatThrownBy(() -> FrameLiftSerdes.frameCodec().decode(body.varint(0).frame()))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("more than the 10000");
    }

    @Test
    void shouldRefuseNegativeLengths() {
        assertRefusedCheaply(new Body().varint(-5).frame(), "negative length -5");
    }

    @Test
    void shouldRefuseAVarintThatNeverEnds() {
        byte[] record = new Body().string("cam").bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)
                .frame();

        assertRefusedCheaply(record, "varint longer than 10 bytes");
    }

    @Test
    void shouldRefuseAnEnumSymbolOutOfRange() {
        byte[] record = new Body().string("cam").varint(0).varint(0).string("sr-x2").varint(9).frame();

        assertRefusedCheaply(record, "Frame.encoding selects enum symbol 9 of 4");
    }

    @Test
    void shouldRefuseAUnionBranchOutOfRange() {
        byte[] valid = FrameLiftSerdes.rejectedCodec().encode(rejected());
        // reason, message "m", topic "t", partition, offset, then the originalKey union
        byte[] record = Arrays.copyOf(valid, valid.length);
        int unionAt = 10 + 1 + 2 + 2 + 1 + 1;
        assertThat(record[unionAt]).isEqualTo((byte) 0);
        record[unionAt] = 6;

        assertThatThrownBy(() -> FrameLiftSerdes.rejectedCodec().decode(record))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("RejectedFrame.originalKey selects union branch 3 of 2");
    }

    @Test
    void shouldRefuseBytesLeftAfterTheRecord() {
        byte[] valid = FrameLiftSerdes.frameCodec().encode(FrameLiftSerdesTest.frame());
        byte[] padded = Arrays.copyOf(valid, valid.length + 3);

        assertRefusedCheaply(padded, "3 byte(s) left after the end of the Frame record");
    }

    @Test
    void shouldRefuseAnUnknownWriterSchemaByItsFingerprint() {
        byte[] record = FrameLiftSerdes.frameCodec().encode(FrameLiftSerdesTest.frame());
        record[5] ^= 0x40;

        assertRefusedCheaply(record, "unknown writer schema fingerprint");
    }

    @Test
    void shouldStillDecodeEveryValidRecord() {
        Frame frame = FrameLiftSerdesTest.frame();
        Map<String, String> attributes = new HashMap<>();
        for (int i = 0; i < SingleObjectCodec.MAX_COLLECTION_ITEMS; i++) {
            attributes.put("k" + i, "");
        }
        frame.setAttributes(attributes);

        assertThat(FrameLiftSerdes.frameCodec().decode(FrameLiftSerdes.frameCodec().encode(frame))).isEqualTo(frame);
    }

    @Test
    void shouldReadRejectedFramesWrittenBeforeTheTimeoutReasonExisted() throws Exception {
        Schema v1 = FrameLiftSerdes.history("RejectedFrame-v1.avsc");
        assertThat(String.format("%016x", Long.reverseBytes(SchemaNormalization.parsingFingerprint64(v1))))
                .as("the RejectedFrame fingerprint published before TIMEOUT").isEqualTo("02da2bfbc8d43b9d");
        GenericRecord old = new GenericData.Record(v1);
        old.put("reason", new GenericData.EnumSymbol(v1.getField("reason").schema(), "INFERENCE_FAILED"));
        old.put("message", "boom");
        old.put("sourceTopic", "frames.raw");
        old.put("sourcePartition", 1);
        old.put("sourceOffset", 9L);
        old.put("rejectedTime", 5L);

        RejectedFrame read = FrameLiftSerdes.rejectedCodec().decode(FrameLiftSerdesTest.singleObject(v1, old));

        assertThat(read.getReason()).isEqualTo(RejectReason.INFERENCE_FAILED);
        assertThat(read.getSourceOffset()).isEqualTo(9L);
    }

    private static RejectedFrame rejected() {
        return RejectedFrame.newBuilder().setReason(RejectReason.TIMEOUT).setMessage("m").setSourceTopic("t")
                .setSourcePartition(0).setSourceOffset(0).setRejectedTime(Instant.ofEpochMilli(1)).build();
    }

    private static Body validFrameUpToAttributes() {
        return new Body().string("cam").varint(0).varint(0).string("sr-x2").varint(0).varint(0).varint(0).varint(0);
    }

    private static void assertRefusedCheaply(byte[] record, String message) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        Throwable thrown = null;
        try {
            FrameLiftSerdes.frameCodec().decode(record);
        } catch (Throwable t) {
            thrown = t;
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(thrown).isInstanceOf(InvalidRecordException.class).hasMessageContaining(message);
        assertThat(allocated).as("bytes allocated while refusing").isLessThan(ALLOCATION_ALLOWANCE);
    }

    /** An Avro body written by hand, field by field, behind a Frame single-object header. */
    private static final class Body {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Body varint(long value) {
            return rawZigzag((value << 1) ^ (value >> 63));
        }

        Body rawZigzag(long n) {
            while ((n & ~0x7fL) != 0) {
                out.write((int) ((n & 0x7f) | 0x80));
                n >>>= 7;
            }
            out.write((int) n);
            return this;
        }

        Body string(String s) {
            byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            varint(b.length);
            out.writeBytes(b);
            return this;
        }

        Body bytes(int... values) {
            for (int v : values) {
                out.write(v);
            }
            return this;
        }

        byte[] frame() {
            ByteBuffer header = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
            header.put((byte) 0xc3).put((byte) 0x01).putLong(SchemaNormalization.parsingFingerprint64(Frame.getClassSchema()));
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(header.array());
            all.writeBytes(out.toByteArray());
            return all.toByteArray();
        }
    }
}
