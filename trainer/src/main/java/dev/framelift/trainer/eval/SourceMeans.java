package dev.framelift.trainer.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.framelift.trainer.data.SourceHoldout;

/**
 * The mean metrics of the photos of one source (a photo's file-name prefix before {@code --},
 * else its first folder: {@link SourceHoldout#sourceOf}), so that one large source cannot hide a
 * weak one behind the mean over photos.
 *
 * @param images how many photos of the source were evaluated
 * @param truthColourfulness mean colourfulness of the truths (colorize), NaN for SR
 */
public record SourceMeans(String source, int images, Map<String, Double> model, Map<String, Double> baseline,
        double truthColourfulness) {

    /** One entry per source, sorted by name. */
    public static List<SourceMeans> of(EvaluationResult r) {
        final Map<String, List<ImageResult>> groups = new TreeMap<>();
        for (ImageResult i : r.images()) {
            groups.computeIfAbsent(SourceHoldout.sourceOf(Path.of(""), Path.of(i.name())), k -> new ArrayList<>()).add(i);
        }
        final List<String> keys = EvaluationResult.keys(r.spec());
        final List<SourceMeans> out = new ArrayList<>();
        for (var e : groups.entrySet()) {
            final List<ImageResult> group = e.getValue();
            final Map<String, Double> m = new LinkedHashMap<>();
            final Map<String, Double> b = new LinkedHashMap<>();
            for (String k : keys) {
                m.put(k, group.stream().mapToDouble(i -> i.model().get(k)).average().orElse(Double.NaN));
                b.put(k, group.stream().mapToDouble(i -> i.baseline().get(k)).average().orElse(Double.NaN));
            }
            final double truth = group.stream().mapToDouble(ImageResult::truthColourfulness).average().orElse(Double.NaN);
            out.add(withRatio(new SourceMeans(e.getKey(), group.size(), m, b, truth), r.spec()));
        }
        return out;
    }

    /** The mean over sources, each counting once, named {@code mean of N sources}. */
    public static SourceMeans meanOf(List<SourceMeans> sources, ModelSpec spec) {
        final Map<String, Double> m = new LinkedHashMap<>();
        final Map<String, Double> b = new LinkedHashMap<>();
        for (String k : EvaluationResult.keys(spec)) {
            m.put(k, sources.stream().mapToDouble(s -> s.model.get(k)).average().orElse(Double.NaN));
            b.put(k, sources.stream().mapToDouble(s -> s.baseline.get(k)).average().orElse(Double.NaN));
        }
        final double truth = sources.stream().mapToDouble(SourceMeans::truthColourfulness).average().orElse(Double.NaN);
        final int images = sources.stream().mapToInt(SourceMeans::images).sum();
        return withRatio(new SourceMeans("mean of " + sources.size() + " sources", images, m, b, truth), spec);
    }

    /** Colorize: the colourfulness ratio as a ratio of means, as {@link EvaluationResult} has it. */
    private static SourceMeans withRatio(SourceMeans s, ModelSpec spec) {
        if (spec.colorize()) {
            final double t = s.truthColourfulness;
            s.model.put(EvaluationResult.COLOURFULNESS_RATIO, t > 0 ? s.model.get(EvaluationResult.COLOURFULNESS) / t : 0);
            s.baseline.put(EvaluationResult.COLOURFULNESS_RATIO, t > 0 ? s.baseline.get(EvaluationResult.COLOURFULNESS) / t : 0);
        }
        return s;
    }
}
