package dev.framelift.enhancer.inference;

import java.util.ArrayList;
import java.util.List;

import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;
import org.tensorflow.types.TFloat32;

/**
 * Process-wide TensorFlow session configuration.
 *
 * <p>TensorFlow creates its inter-op and intra-op thread pools when the first session of the
 * process is created, and every later session shares them whatever its own {@code ConfigProto}
 * says. So {@link #configure(int, int)} must run before the first session (before the first
 * {@link Generator#load}); every session this package creates uses {@link #configProto()}. Once
 * a session exists the configuration is sealed: configuring again with the same values is a
 * no-op, with other values an {@link IllegalStateException} (silently ignoring it would leave the
 * process on thread pools nobody asked for). Without a call, TensorFlow's defaults apply (pools
 * sized to the machine). GPU memory is always allocated on demand ({@code allow_growth}), so
 * several models and other processes can share a GPU.
 *
 * <p>Thread-safe.
 */
public final class TensorFlowRuntime {
    private static int intraOpThreads;
    private static int interOpThreads;
    private static boolean sealed;
    private static Boolean gpuAvailable;

    private TensorFlowRuntime() {
    }

    /**
     * Sizes TensorFlow's thread pools; 0 means TensorFlow's default for that pool.
     *
     * @throws IllegalStateException if a session already fixed different values
     */
    public static synchronized void configure(int intraOpThreads, int interOpThreads) {
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must be >= 0, got intra " + intraOpThreads
                    + ", inter " + interOpThreads);
        }
        if (sealed && (intraOpThreads != TensorFlowRuntime.intraOpThreads
                || interOpThreads != TensorFlowRuntime.interOpThreads)) {
            throw new IllegalStateException("TensorFlow thread pools are already fixed at intra "
                    + TensorFlowRuntime.intraOpThreads + ", inter " + TensorFlowRuntime.interOpThreads
                    + " by the first session; configure() must run before any model is loaded");
        }
        TensorFlowRuntime.intraOpThreads = intraOpThreads;
        TensorFlowRuntime.interOpThreads = interOpThreads;
    }

    /**
     * The configuration for a new session. Seals the configuration: call it only when a session
     * is about to be created.
     */
    public static synchronized ConfigProto configProto() {
        sealed = true;
        return ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(intraOpThreads)
                .setInterOpParallelismThreads(interOpThreads)
                .setAllowSoftPlacement(true)
                .setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true))
                .build();
    }

    /** The configured intra-op pool size (0: TensorFlow's default). */
    public static synchronized int intraOpThreads() {
        return intraOpThreads;
    }

    /** The configured inter-op pool size (0: TensorFlow's default). */
    public static synchronized int interOpThreads() {
        return interOpThreads;
    }

    /**
     * Whether TensorFlow can run an op on {@code /device:GPU:0}: it places a one-element
     * computation there with soft placement off and runs it, once per process (the answer is
     * cached). False with the CPU native build, or with the GPU build when the CUDA libraries or
     * the driver are missing. Creates a session, so it seals the configuration like
     * {@link #configProto()}.
     */
    public static synchronized boolean gpuAvailable() {
        if (gpuAvailable == null) {
            gpuAvailable = probeGpu();
        }
        return gpuAvailable;
    }

    private static boolean probeGpu() {
        ConfigProto strict = configProto().toBuilder().setAllowSoftPlacement(false).build();
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph).withDevice(DeviceSpec.newBuilder()
                    .deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(0).build());
            var sum = tf.math.add(tf.constant(1f), tf.constant(2f));
            try (Session session = new Session(graph, strict);
                    var result = session.runner().fetch(sum).run()) {
                return ((TFloat32) result.get(0)).getFloat() == 3f;
            }
        } catch (RuntimeException noGpu) {
            return false;
        }
    }

    /** Human-readable summary for logs, e.g. {@code "intra-op 2, inter-op 1"}. */
    public static synchronized String describe() {
        List<String> parts = new ArrayList<>();
        parts.add("intra-op " + (intraOpThreads == 0 ? "default" : intraOpThreads));
        parts.add("inter-op " + (interOpThreads == 0 ? "default" : interOpThreads));
        return String.join(", ", parts);
    }
}
