package dev.framelift.enhancer.inference;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacpp.Loader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CUDA libraries TensorFlow's CUDA build looks for (runtime, cuBLAS, cuFFT, cuSOLVER,
 * cuSPARSE, cuDNN), loaded into the process from JavaCPP's redist jars that the {@code -Pgpu}
 * build puts on the class path, before the first session: TensorFlow opens them by name, and a
 * library already loaded under that name is the one it gets, so no library path needs setting.
 * In the CPU build the classes are absent and nothing happens; where the jars are present but
 * the NVIDIA driver is not, loading fails, that is logged, and TensorFlow runs on the CPU.
 */
final class CudaLibraries {
    private static final Logger LOG = LoggerFactory.getLogger(CudaLibraries.class);
    private static final List<String> PRESETS = List.of("cudart", "cublas", "cufft", "cusolver", "cusparse", "cudnn");

    private CudaLibraries() {
    }

    /** @return the presets loaded; empty in the CPU build or when they cannot load here */
    static List<String> preload() {
        final List<String> loaded = new ArrayList<>();
        for (String preset : PRESETS) {
            final Class<?> bindings;
            try {
                // not initialised here: the class's initialiser loads the natives, and that may fail below
                bindings = Class.forName("org.bytedeco.cuda.global." + preset, false, CudaLibraries.class.getClassLoader());
            } catch (ClassNotFoundException cpuBuild) {
                return List.of();
            }
            try {
                Loader.load(bindings);
                loaded.add(preset);
            } catch (RuntimeException | LinkageError e) {
                Throwable root = e;
                while (root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                // without the NVIDIA driver the root cause is "libcuda.so.1: cannot open shared object file"
                LOG.warn("the CUDA libraries of the -Pgpu build do not load here ({}: {}); TensorFlow will run on the CPU",
                        preset, root.getMessage());
                return List.of();
            }
        }
        LOG.info("CUDA libraries loaded from the -Pgpu build: {}", String.join(", ", loaded));
        return loaded;
    }
}
