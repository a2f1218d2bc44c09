package dev.framelift.enhancer.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import dev.framelift.enhancer.image.ImageCodec;
import dev.framelift.enhancer.image.ImageLimits;
import dev.framelift.enhancer.reject.FrameRejectedException;
import dev.framelift.model.Image;
import dev.framelift.schema.Encoding;
import dev.framelift.schema.EnhancedFrame;
import dev.framelift.schema.Frame;
import dev.framelift.schema.Timings;
import dev.framelift.schema.serde.FrameLiftSerdes;
import dev.framelift.schema.serde.SingleObjectCodec;

/**
 * What the host spends on one frame around the model, each stage alone on one thread: the Avro
 * decode of a 640x360 JPEG {@link Frame}, the JPEG decode, the encode of a 1280x720 output in
 * every output encoding, and the Avro encode of the {@link EnhancedFrame} that carries it. Times
 * are the calling thread's CPU time (what one core spends, honest on a shared machine), with its
 * wall time beside it. Each encoder is also run by {@value #CONCURRENT} threads at once, to show
 * whether it scales or collapses under concurrent streams.
 *
 * <p>The 1280x720 "output" is the input frame resized with bicubic interpolation: what a model's
 * output looks like to an encoder, without running one.
 */
final class HostPath {
    /** Threads of the concurrency check: the enhancer's default stream threads. */
    static final int CONCURRENT = 8;
    /** The output encodings measured. */
    static final List<Encoding> OUTPUTS = List.of(Encoding.PNG, Encoding.JPEG, Encoding.RGB8);

    /** One stage: per-frame CPU and wall milliseconds, and the heap it allocates per frame (KiB, median). */
    record Stage(String name, Stats cpuMs, Stats wallMs, double allocatedKib) {
    }

    /** One output encoding: its encode and Avro stages, the whole path, and the concurrency check. */
    record Output(Encoding encoding, int bytes, Stage encode, Stage avroEncode, double hostMs,
            double oneThreadFps, double concurrentFps) {
        /** Frames per second of one thread doing the whole host path, nothing else. */
        double singleStreamFps() {
            return 1000 / hostMs;
        }
    }

    /** The whole measurement. */
    record Result(Stage avroDecode, Stage imageDecode, List<Output> outputs) {
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Heap bytes the thread allocated so far, where the JVM counts them (HotSpot does); else 0. */
    private static long allocatedBytes(long thread) {
        return THREADS instanceof com.sun.management.ThreadMXBean hotspot ? hotspot.getThreadAllocatedBytes(thread) : 0;
    }

    private final int iterations;
    private final ImageCodec codec = new ImageCodec(ImageLimits.defaults());

    /** @param iterations timed repetitions of each stage, after as many again for warm-up */
    HostPath(int iterations) {
        this.iterations = iterations;
    }

    Result measure() {
        final List<byte[]> jpegs = BenchFrames.jpegs("sr-x2", 640, 360);
        final List<Image> outputs = BenchFrames.images(BenchFrames.jpegs("sr-x2", 1280, 720), 3);
        final SingleObjectCodec<Frame> frames = FrameLiftSerdes.frameCodec();
        final SingleObjectCodec<EnhancedFrame> enhanced = FrameLiftSerdes.enhancedCodec();
        final List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < jpegs.size(); i++) {
            records.add(frames.encode(frame(i, jpegs.get(i))));
        }
        final Stage avroDecode = time("Avro decode (Frame, 640x360 JPEG)", i -> frames.decode(records.get(i % records.size())));
        final Stage imageDecode = time("image decode (JPEG 640x360)", i -> decode(jpegs.get(i % jpegs.size())));
        final List<Output> results = new ArrayList<>();
        for (Encoding encoding : OUTPUTS) {
            final byte[] payload = codec.encode(outputs.get(0), encoding);
            final Stage encode = time("encode " + encoding + " 1280x720", i -> codec.encode(outputs.get(i % outputs.size()),
                    encoding));
            final EnhancedFrame record = enhanced(payload, encoding);
            final Stage avroEncode = time("Avro encode (EnhancedFrame, " + encoding + ")", i -> enhanced.encode(record));
            final double host = avroDecode.cpuMs().p50() + imageDecode.cpuMs().p50() + encode.cpuMs().p50()
                    + avroEncode.cpuMs().p50();
            results.add(new Output(encoding, payload.length, encode, avroEncode, host,
                    throughput(1, i -> codec.encode(outputs.get(i % outputs.size()), encoding)),
                    throughput(CONCURRENT, i -> codec.encode(outputs.get(i % outputs.size()), encoding))));
        }
        return new Result(avroDecode, imageDecode, results);
    }

    private Stage time(String name, IntFunction<?> work) {
        for (int i = 0; i < iterations; i++) {
            work.apply(i);
        }
        final double[] cpu = new double[iterations];
        final double[] wall = new double[iterations];
        final double[] allocated = new double[iterations];
        final long thread = Thread.currentThread().getId();
        for (int i = 0; i < iterations; i++) {
            final long bytes0 = allocatedBytes(thread);
            final long cpu0 = THREADS.getCurrentThreadCpuTime();
            final long wall0 = System.nanoTime();
            work.apply(i);
            wall[i] = (System.nanoTime() - wall0) / 1e6;
            cpu[i] = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e6;
            allocated[i] = (allocatedBytes(thread) - bytes0) / 1024.0;
        }
        return new Stage(name, Stats.of(cpu), Stats.of(wall), Stats.of(allocated).p50());
    }

    /** Frames per second (wall) of {@code threads} threads sharing {@code iterations * threads} calls. */
    private double throughput(int threads, IntFunction<?> work) {
        try {
            return Workers.rate(threads, iterations * threads, "bench-host", work::apply);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Image decode(byte[] jpeg) {
        try {
            return codec.decode(Encoding.JPEG, jpeg, 0, 0);
        } catch (FrameRejectedException e) {
            throw new IllegalStateException("benchmark frame rejected: " + e.getMessage(), e);
        }
    }

    private static Frame frame(int sequence, byte[] jpeg) {
        return Frame.newBuilder().setStreamId("bench").setSequence(sequence).setCaptureTime(Instant.now())
                .setTask("sr-x2").setEncoding(Encoding.JPEG).setWidth(640).setHeight(360)
                .setPayload(ByteBuffer.wrap(jpeg)).build();
    }

    private static EnhancedFrame enhanced(byte[] payload, Encoding encoding) {
        return EnhancedFrame.newBuilder().setStreamId("bench").setSequence(1).setCaptureTime(Instant.now())
                .setTask("sr-x2").setModelVersion("bench").setInputWidth(640).setInputHeight(360)
                .setWidth(1280).setHeight(720).setEncoding(encoding).setPayload(ByteBuffer.wrap(payload))
                .setAttributes(Map.of()).setTimings(new Timings(0.0, 0.0, 0.0, 0.0, 1))
                .setEnhancedTime(Instant.now()).build();
    }
}
