package dev.framelift.enhancer.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tensorflow.proto.ConfigProto;

class TensorFlowRuntimeTest {
    @Test
    void shouldRefuseToChangeThreadPoolsOnceASessionFixedThem() {
        ConfigProto config = TensorFlowRuntime.configProto(); // seals, as creating a session would
        int intra = TensorFlowRuntime.intraOpThreads();
        int inter = TensorFlowRuntime.interOpThreads();

        TensorFlowRuntime.configure(intra, inter); // the same values: fine

        assertThatThrownBy(() -> TensorFlowRuntime.configure(intra + 1, inter))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("before any model is loaded");
        assertThat(config.getIntraOpParallelismThreads()).isEqualTo(intra);
        assertThat(config.getInterOpParallelismThreads()).isEqualTo(inter);
        assertThat(config.getGpuOptions().getAllowGrowth()).isTrue();
    }

    @Test
    void shouldRejectNegativeThreadCounts() {
        assertThatThrownBy(() -> TensorFlowRuntime.configure(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldAnswerTheGpuQuestionConsistently() {
        boolean first = TensorFlowRuntime.gpuAvailable();
        assertThat(TensorFlowRuntime.gpuAvailable()).isEqualTo(first);
        if (!System.getProperty("java.class.path", "").contains("linux-x86_64-gpu")) {
            assertThat(first).as("the CPU native build cannot place ops on a GPU").isFalse();
        }
    }

    @Test
    void shouldRefuseAnUnknownDeviceOrAMemoryShareOutsideZeroToOne() {
        assertThatThrownBy(() -> TensorFlowRuntime.configureDevice("tpu", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("auto, cpu, gpu or gpu:N");
        assertThatThrownBy(() -> TensorFlowRuntime.configureDevice("gpu:x", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TensorFlowRuntime.configureDevice("auto", 1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldSayWhereInferenceRunsWithoutAGpu() {
        TensorFlowRuntime.configProto();
        if (!TensorFlowRuntime.gpuAvailable()) {
            assertThat(TensorFlowRuntime.device()).isEqualTo("CPU (TensorFlow sees no GPU)");
        }
    }
}
