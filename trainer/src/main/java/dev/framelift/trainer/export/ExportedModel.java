package dev.framelift.trainer.export;

import java.nio.file.Path;
import java.util.Map;

import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TUint8;

/**
 * An exported model loaded back through its serving signature, as the enhancer will load it.
 * Owns the {@link SavedModelBundle}; {@link #close()} releases it. {@link #enhance} may be
 * called from several threads (TF sessions are thread-safe).
 */
public final class ExportedModel implements AutoCloseable {
    private final SavedModelBundle bundle;

    public ExportedModel(Path modelDir) {
        this.bundle = SavedModelBundle.load(modelDir.toString(), "serve");
    }

    /** uint8 NHWC in, uint8 NHWC RGB out. */
    public byte[] enhance(byte[] input, long[] shape) {
        try (TUint8 in = TUint8.tensorOf(Shape.of(shape), DataBuffers.of(input));
                Result r = bundle.function(org.tensorflow.Signature.DEFAULT_KEY).call(Map.of(ModelExporter.INPUT, in))) {
            Tensor out = r.get(ModelExporter.OUTPUT).orElseThrow();
            byte[] bytes = new byte[(int) out.shape().size()];
            out.asRawTensor().data().read(bytes);
            return bytes;
        }
    }

    public long[] lastOutputShape(byte[] input, long[] shape) {
        try (TUint8 in = TUint8.tensorOf(Shape.of(shape), DataBuffers.of(input));
                Result r = bundle.function(org.tensorflow.Signature.DEFAULT_KEY).call(Map.of(ModelExporter.INPUT, in))) {
            return r.get(ModelExporter.OUTPUT).orElseThrow().shape().asArray();
        }
    }

    @Override
    public void close() {
        bundle.close();
    }
}
