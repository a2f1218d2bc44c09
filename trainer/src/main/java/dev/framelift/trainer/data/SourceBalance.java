package dev.framelift.trainer.data;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Training draws that weigh sources, not photos, more evenly. Drawn uniformly, a source of n
 * photos gets n shares of the crops, so the two largest sources of the collection (a children's
 * game's 262 object photos and a space game's 216 landscapes, half the training photos between
 * them) decide most of what a network sees. Weighted by {@code 1 / sqrt(n)} per photo, a source
 * gets {@code sqrt(n)} shares: large sources still count for more than small ones, but the
 * hundred small sources (people, food, streets, rooms) come into their own.
 */
public final class SourceBalance {
    private SourceBalance() {
    }

    /** Per item, {@code 1 / sqrt(items of its source)}, in the order of {@code sources}. */
    public static double[] inverseSqrt(List<String> sources) {
        final Map<String, Integer> counts = new HashMap<>();
        sources.forEach(s -> counts.merge(s, 1, Integer::sum));
        final double[] weights = new double[sources.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = 1 / Math.sqrt(counts.get(sources.get(i)));
        }
        return weights;
    }

    /** Each source's share of the draws under {@code weights}, largest first, as "source 12.3 %" lines. */
    public static List<String> shares(List<String> sources, double[] weights, int top) {
        final Map<String, Double> bySource = new HashMap<>();
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            bySource.merge(sources.get(i), weights[i], Double::sum);
            total += weights[i];
        }
        final double sum = total;
        return bySource.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(top)
                .map(e -> String.format(Locale.ROOT, "%s %.1f %%", e.getKey(), 100 * e.getValue() / sum))
                .toList();
    }
}
