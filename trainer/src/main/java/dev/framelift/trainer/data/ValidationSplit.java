package dev.framelift.trainer.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * How the validation photos are chosen from the sorted list of a data folder. Each is a
 * function of the list and the seed only.
 */
public enum ValidationSplit {
    /**
     * Evenly spaced over the sorted list, at a seeded phase: photo {@code floor((j + u) n / k)}
     * for {@code j < k}, {@code u} uniform in [0, 1). Photos sorted by path sit together by
     * source (folder, or a {@code source--name} prefix), so every source of any size gets its
     * share of the validation set; a 19-photo random draw can put half of it on one source.
     */
    SPREAD,
    /** The first {@code k} of a seeded shuffle ({@link Collections#shuffle(List, Random)}). */
    RANDOM,
    /**
     * The last {@code k} of the sorted list: for frames named in playback order, the newest, so
     * the model is validated on what comes after everything it trained on (the seed is unused).
     */
    NEWEST;

    /** The {@code k} validation photos of {@code sorted} ({@code 0 < k <= sorted.size() / 2}). */
    public List<Path> pick(List<Path> sorted, int k, long seed) {
        if (k <= 0 || k > sorted.size() / 2) {
            throw new IllegalArgumentException("cannot take " + k + " of " + sorted.size() + " photos for validation");
        }
        if (this == NEWEST) {
            return List.copyOf(sorted.subList(sorted.size() - k, sorted.size()));
        }
        if (this == RANDOM) {
            final List<Path> shuffled = new ArrayList<>(sorted);
            Collections.shuffle(shuffled, new Random(seed));
            return List.copyOf(shuffled.subList(0, k));
        }
        final double u = new SplittableRandom(seed).nextDouble();
        final List<Path> picked = new ArrayList<>(k);
        for (int j = 0; j < k; j++) {
            picked.add(sorted.get((int) ((j + u) * sorted.size() / k)));
        }
        return List.copyOf(picked);
    }

    /** Parses {@code spread}, {@code random} or {@code newest} (any case). */
    public static ValidationSplit parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "spread" -> SPREAD;
            case "random" -> RANDOM;
            case "newest" -> NEWEST;
            default -> throw new IllegalArgumentException("unknown split '" + s + "' (spread, random or newest)");
        };
    }
}
