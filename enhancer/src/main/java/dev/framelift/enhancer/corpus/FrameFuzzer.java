package dev.framelift.enhancer.corpus;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

import dev.framelift.schema.Encoding;
import dev.framelift.schema.Frame;
import dev.framelift.schema.Tasks;
import dev.framelift.schema.serde.FrameLiftSerdes;

/**
 * Seeded mutations of valid frames: the same seed gives the same cases, so a failure found in a
 * run of 10,000 can be replayed alone. Half the mutations hit the whole record (so mostly the Avro
 * decoder), half only the image inside a still valid frame (so the image decoders): bit flips,
 * interesting bytes (0, 0xFF, 0x7F, 0x80), truncation, insertion, deletion, duplication of a
 * range, a huge varint written over a length, and splices of two frames.
 */
public final class FrameFuzzer {
    private static final byte[] INTERESTING = {0, (byte) 0xff, 0x7f, (byte) 0x80, 1, (byte) 0xfe};
    private static final int MUTATIONS = 8;

    private final long seed;
    private final List<Frame> seeds;

    public FrameFuzzer(long seed) {
        this.seed = seed;
        this.seeds = List.of(
                frame(Tasks.SR_X2, Encoding.PNG, CraftedImages.png(CraftedImages.pattern(24, 16, 3, 1))),
                frame(Tasks.SR_X4, Encoding.PNG, CraftedImages.png(CraftedImages.pattern(12, 10, 1, 2))),
                frame(Tasks.SR_X2, Encoding.JPEG, CraftedImages.jpeg(CraftedImages.pattern(24, 16, 3, 3))),
                frame(Tasks.COLORIZE, Encoding.JPEG, CraftedImages.progressiveJpeg(CraftedImages.pattern(16, 16, 3, 4))),
                raw(Tasks.SR_X2, Encoding.RGB8, CraftedImages.pattern(8, 6, 3, 5).pixels(), 8, 6),
                raw(Tasks.COLORIZE, Encoding.GRAY8, CraftedImages.pattern(10, 8, 1, 6).pixels(), 10, 8));
    }

    /** Cases {@code first} to {@code first + count - 1}; case i is the same for a given seed, whatever the range. */
    public List<CorpusCase> cases(int first, int count) {
        final List<CorpusCase> cases = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) {
            final Random random = new Random(seed * 1_000_003L + i);
            final Frame base = seeds.get(random.nextInt(seeds.size()));
            final int kind = random.nextInt(MUTATIONS);
            final byte[] value;
            if (random.nextBoolean()) {
                value = mutate(FrameLiftSerdes.frameCodec().encode(base), kind, random);
            } else {
                final Frame copy = Frame.newBuilder(base).build();
                final byte[] payload = new byte[base.getPayload().remaining()];
                base.getPayload().duplicate().get(payload);
                copy.setPayload(ByteBuffer.wrap(mutate(payload, kind, random)));
                value = FrameLiftSerdes.frameCodec().encode(copy);
            }
            cases.add(new CorpusCase("fuzz-" + seed + "-" + i, value, Set.of(CorpusCase.ANY),
                    "mutation " + kind + " of a " + base.getTask() + " " + base.getEncoding() + " frame"));
        }
        return cases;
    }

    private byte[] mutate(byte[] b, int kind, Random random) {
        if (b.length == 0) {
            return b;
        }
        return switch (kind) {
            case 0 -> {
                final byte[] c = b.clone();
                for (int n = 1 + random.nextInt(8); n > 0; n--) {
                    c[random.nextInt(c.length)] ^= (byte) (1 << random.nextInt(8));
                }
                yield c;
            }
            case 1 -> {
                final byte[] c = b.clone();
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    c[random.nextInt(c.length)] = INTERESTING[random.nextInt(INTERESTING.length)];
                }
                yield c;
            }
            case 2 -> Arrays.copyOf(b, random.nextInt(b.length));
            case 3 -> {
                final int at = random.nextInt(b.length + 1);
                final byte[] extra = new byte[1 + random.nextInt(64)];
                random.nextBytes(extra);
                yield splice(Arrays.copyOf(b, at), extra, Arrays.copyOfRange(b, at, b.length));
            }
            case 4 -> {
                final int at = random.nextInt(b.length);
                final int end = Math.min(b.length, at + 1 + random.nextInt(64));
                yield splice(Arrays.copyOf(b, at), new byte[0], Arrays.copyOfRange(b, end, b.length));
            }
            case 5 -> {
                final int at = random.nextInt(b.length);
                final int end = Math.min(b.length, at + 1 + random.nextInt(256));
                yield splice(Arrays.copyOf(b, end), Arrays.copyOfRange(b, at, end), Arrays.copyOfRange(b, end, b.length));
            }
            case 6 -> {
                // a 5-byte varint of about 2^31 written over whatever was there
                final byte[] c = b.clone();
                final int at = random.nextInt(c.length);
                final byte[] huge = {(byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
                System.arraycopy(huge, 0, c, at, Math.min(huge.length, c.length - at));
                yield c;
            }
            default -> {
                final byte[] other = FrameLiftSerdes.frameCodec().encode(seeds.get(random.nextInt(seeds.size())));
                final int cut = random.nextInt(b.length);
                final int from = random.nextInt(other.length);
                yield splice(Arrays.copyOf(b, cut), new byte[0], Arrays.copyOfRange(other, from, other.length));
            }
        };
    }

    private static byte[] splice(byte[] head, byte[] middle, byte[] tail) {
        final byte[] out = Arrays.copyOf(head, head.length + middle.length + tail.length);
        System.arraycopy(middle, 0, out, head.length, middle.length);
        System.arraycopy(tail, 0, out, head.length + middle.length, tail.length);
        return out;
    }

    private static Frame frame(String task, Encoding encoding, byte[] payload) {
        return Frame.newBuilder().setStreamId("fuzz").setSequence(0)
                .setCaptureTime(java.time.Instant.ofEpochMilli(1_700_000_000_000L)).setTask(task).setEncoding(encoding).setPayload(ByteBuffer.wrap(payload)).setAttributes(java.util.Map.of("corpus", "fuzz"))
                .build();
    }

    private static Frame raw(String task, Encoding encoding, byte[] pixels, int width, int height) {
        final Frame frame = frame(task, encoding, pixels);
        frame.setWidth(width);
        frame.setHeight(height);
        return frame;
    }
}
