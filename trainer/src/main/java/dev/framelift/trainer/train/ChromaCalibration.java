package dev.framelift.trainer.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.types.TFloat32;

import dev.framelift.trainer.model.Generator;

/**
 * Sets a colorizer's calibration constants ({@link Generator#calibration()}: graph scalars that
 * training leaves neutral, such as the bins colorizer's softmax temperature and chroma gain)
 * before export. Each constant in turn, in the generator's order, is swept over its candidate
 * values on the validation photos and set to the one that ranks best
 * ({@link Validator.Score#calibrationRank()}: at least the fidelity bar over the gray input,
 * then as much colour as that allows);
 * with {@code --holdout} those are photos of the calibration sources, never the test sources.
 * A constant given a fixed value ({@code --chroma-gain}) is set to it without a sweep.
 *
 * <p>Works on the caller's training graph, whose averaged generator it scores; one thread.
 */
final class ChromaCalibration {
    private static final Logger LOG = LoggerFactory.getLogger(ChromaCalibration.class);

    private final Map<String, Double> fixed;

    /** @param fixed values of constants not to calibrate, by graph name (e.g. {@code chroma/gain}) */
    ChromaCalibration(Map<String, Double> fixed) {
        this.fixed = Map.copyOf(fixed);
    }

    /**
     * Calibrates every constant of {@code g}'s generator, leaving each set in the graph.
     *
     * @return the chosen values, keyed for a card's metrics ({@code chroma_gain})
     */
    Map<String, Double> calibrate(TrainingGraph g, Validator validator) {
        final Map<String, Double> chosenValues = new LinkedHashMap<>();
        for (var e : g.generator.calibration().entrySet()) {
            final String name = e.getKey();
            double chosen = fixed.getOrDefault(name, e.getValue()[0]);
            double bestScore = Double.NEGATIVE_INFINITY;
            for (double v : fixed.containsKey(name) ? new double[0] : e.getValue()) {
                set(g, name, v);
                final Validator.Score scored = validator.evaluateAsIs(g::enhanceWithAverage);
                final double score = scored.calibrationRank();
                LOG.info("{} {}: rank {} ({} vs baseline {})", name, String.format(Locale.ROOT, "%.4f", v),
                        String.format(Locale.ROOT, "%.4f", score), scored.metrics(), scored.baseline());
                if (score > bestScore + 1e-4) {
                    bestScore = score;
                    chosen = v;
                }
            }
            set(g, name, chosen);
            chosenValues.put(name.replace('/', '_'), chosen);
            LOG.info("{} set to {}", name, chosen);
        }
        return chosenValues;
    }

    /** Sets the calibration constant {@code name} (e.g. {@code chroma/gain}) of {@code g}'s generator. */
    static void set(TrainingGraph g, String name, double value) {
        try (TFloat32 v = TFloat32.scalarOf((float) value)) {
            g.session.runner().feed(g.calibrationValue, v).addTarget(g.setCalibration.get(name)).run().close();
        }
    }
}
