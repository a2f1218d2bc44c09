package dev.framelift.enhancer.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

import dev.framelift.model.Image;

/**
 * For context, the upscale every user already has: FFmpeg's bicubic and lanczos scalers
 * ({@code libswscale}, the build the footage commands use) taking the same 640x360 RGB frames to
 * 1280x720 on one thread, pixels copied in and out as a model's are. CPU time of the thread per
 * frame.
 */
final class FfmpegScalers {
    /** One scaler: CPU milliseconds per frame. */
    record Row(String scaler, Stats cpuMs) {
        double framesPerSecond() {
            return 1000 / cpuMs.p50();
        }
    }

    static final int IN_W = 640;
    static final int IN_H = 360;
    static final int OUT_W = 1280;
    static final int OUT_H = 720;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private FfmpegScalers() {
    }

    static List<Row> measure(int iterations) {
        final List<Image> frames = BenchFrames.images(BenchFrames.jpegs("sr-x2", IN_W, IN_H), 3);
        final List<Row> rows = new ArrayList<>();
        rows.add(new Row("bicubic", time(swscale.SWS_BICUBIC, frames, iterations)));
        rows.add(new Row("lanczos", time(swscale.SWS_LANCZOS, frames, iterations)));
        return rows;
    }

    private static Stats time(int flags, List<Image> frames, int iterations) {
        final SwsContext context = swscale.sws_getContext(IN_W, IN_H, avutil.AV_PIX_FMT_RGB24, OUT_W, OUT_H,
                avutil.AV_PIX_FMT_RGB24, flags, null, null, (DoublePointer) null);
        if (context == null) {
            throw new IllegalStateException("FFmpeg cannot make a " + IN_W + "x" + IN_H + " to " + OUT_W + "x" + OUT_H
                    + " scaler");
        }
        final byte[] out = new byte[OUT_W * OUT_H * 3];
        try (BytePointer src = new BytePointer((long) IN_W * IN_H * 3);
                BytePointer dst = new BytePointer((long) OUT_W * OUT_H * 3);
                PointerPointer<BytePointer> srcPlanes = new PointerPointer<>(src, null, null, null);
                PointerPointer<BytePointer> dstPlanes = new PointerPointer<>(dst, null, null, null);
                IntPointer srcStride = new IntPointer(IN_W * 3, 0, 0, 0);
                IntPointer dstStride = new IntPointer(OUT_W * 3, 0, 0, 0)) {
            final double[] ms = new double[iterations];
            for (int i = -iterations; i < iterations; i++) {
                final long cpu0 = THREADS.getCurrentThreadCpuTime();
                src.position(0).put(frames.get(Math.floorMod(i, frames.size())).pixels());
                swscale.sws_scale(context, srcPlanes, srcStride, 0, IN_H, dstPlanes, dstStride);
                dst.position(0).get(out);
                if (i >= 0) {
                    ms[i] = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e6;
                }
            }
            return Stats.of(ms);
        } finally {
            swscale.sws_freeContext(context);
        }
    }
}
