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
 * sized to the machine). The device ({@link #configureDevice}) is fixed the same way: the CPU
 * alone, or the GPUs TensorFlow sees (one of them with {@code gpu:N}). GPU memory is allocated
 * on demand ({@code allow_growth}), so several models and other processes can share a GPU, up to
 * an optional share of its memory.
 *
 * <p>Thread-safe.
 */
public final class TensorFlowRuntime {
    private static int intraOpThreads;
    private static int interOpThreads;
    private static String device = "auto";
    private static double gpuMemoryFraction;
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
     * Chooses where inference runs, before the first session like {@link #configure}.
     *
     * @param device            {@code auto} (GPU 0 where TensorFlow sees one, else the CPU), {@code cpu},
     *                          {@code gpu} (GPU 0) or {@code gpu:N}
     * @param gpuMemoryFraction the share of each visible GPU's memory TensorFlow may take (0: as it
     *                          needs it, without a cap)
     * @throws IllegalStateException if a session already fixed other values
     */
    public static synchronized void configureDevice(String device, double gpuMemoryFraction) {
        final String normalized = device.trim().toLowerCase(java.util.Locale.ROOT);
        if (!normalized.matches("auto|cpu|gpu(:\\d+)?")) {
            throw new IllegalArgumentException("device must be auto, cpu, gpu or gpu:N, got '" + device + "'");
        }
        if (gpuMemoryFraction < 0 || gpuMemoryFraction > 1) {
            throw new IllegalArgumentException("GPU memory fraction must be in [0, 1], got " + gpuMemoryFraction);
        }
        if (sealed && (!normalized.equals(TensorFlowRuntime.device)
                || gpuMemoryFraction != TensorFlowRuntime.gpuMemoryFraction)) {
            throw new IllegalStateException("TensorFlow's device is already fixed at " + TensorFlowRuntime.device
                    + " by the first session; configureDevice() must run before any model is loaded");
        }
        TensorFlowRuntime.device = normalized;
        TensorFlowRuntime.gpuMemoryFraction = gpuMemoryFraction;
    }

    /**
     * The configuration for a new session. Seals the configuration: call it only when a session
     * is about to be created. The first call, unless the device is {@code cpu}, loads the CUDA
     * libraries of the {@code -Pgpu} build ({@link CudaLibraries}).
     */
    public static synchronized ConfigProto configProto() {
        if (!sealed && !device.equals("cpu")) {
            CudaLibraries.preload();
        }
        sealed = true;
        final GPUOptions.Builder gpu = GPUOptions.newBuilder().setAllowGrowth(true);
        if (device.startsWith("gpu:")) {
            gpu.setVisibleDeviceList(device.substring(4));
        }
        if (gpuMemoryFraction > 0) {
            gpu.setPerProcessGpuMemoryFraction(gpuMemoryFraction);
        }
        final ConfigProto.Builder config = ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(intraOpThreads)
                .setInterOpParallelismThreads(interOpThreads)
                .setAllowSoftPlacement(true)
                .setGpuOptions(gpu);
        if (device.equals("cpu")) {
            config.putDeviceCount("GPU", 0);
        }
        return config.build();
    }

    /**
     * Where inference runs, for the log, e.g. {@code "GPU 0"} or {@code "CPU (TensorFlow sees no GPU)"};
     * probes like {@link #gpuAvailable()}.
     *
     * @throws IllegalStateException if a GPU was asked for and TensorFlow sees none
     */
    public static synchronized String device() {
        if (device.equals("cpu")) {
            return "CPU (inference.device=cpu)";
        }
        final boolean gpu = gpuAvailable();
        if (!gpu && device.startsWith("gpu")) {
            throw new IllegalStateException("inference.device=" + device + " but TensorFlow sees no GPU: it needs the "
                    + "-Pgpu build, an NVIDIA driver and the CUDA 12 / cuDNN 9 libraries (see enhancer/README.md)");
        }
        final String index = device.startsWith("gpu:") ? device.substring(4) : "0";
        return gpu ? "GPU " + index + (gpuMemoryFraction > 0 ? String.format(" (at most %.0f%% of its memory)",
                100 * gpuMemoryFraction) : "") : "CPU (TensorFlow sees no GPU)";
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
        final ConfigProto strict = configProto().toBuilder().setAllowSoftPlacement(false).build();
        try (Graph graph = new Graph()) {
            final Ops tf = Ops.create(graph).withDevice(DeviceSpec.newBuilder()
                    .deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(0).build());
            final var sum = tf.math.add(tf.constant(1f), tf.constant(2f));
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
        final List<String> parts = new ArrayList<>();
        parts.add("intra-op " + (intraOpThreads == 0 ? "default" : intraOpThreads));
        parts.add("inter-op " + (interOpThreads == 0 ? "default" : interOpThreads));
        return String.join(", ", parts);
    }
}
