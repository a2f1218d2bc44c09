package dev.framelift.enhancer.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.framelift.schema.Encoding;

/**
 * Where {@code framelift enhance} writes each input, decided and checked before any image is
 * enhanced, so that the command never destroys a file: no two inputs map to one output
 * ({@code a.png} and {@code a.jpg} would both become {@code a.png}), no output is an input, and
 * an existing file is replaced only with {@code --overwrite}.
 */
final class OutputPlan {
    private static final int SHOWN = 3;

    private final Map<Path, Path> targets;

    private OutputPlan(Map<Path, Path> targets) {
        this.targets = targets;
    }

    /**
     * @param in        the IN argument: a file or a folder
     * @param out       the OUT argument: a file (when IN is a file) or a folder
     * @param inputs    the images under {@code in}
     * @throws IllegalArgumentException naming the files, when the plan would destroy one
     */
    static OutputPlan of(Path in, Path out, List<Path> inputs, Encoding encoding, boolean overwrite) {
        final Map<Path, Path> targets = new LinkedHashMap<>();
        for (Path source : inputs) {
            targets.put(source, targetFor(in, out, source, encoding));
        }
        final Map<Path, List<Path>> byTarget = new HashMap<>();
        targets.forEach((source, target) -> byTarget.computeIfAbsent(key(target), k -> new ArrayList<>()).add(source));
        final List<String> clashes = byTarget.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> e.getValue().stream().map(Path::toString).collect(Collectors.joining(" and "))
                        + " would all be written to " + e.getKey())
                .sorted().toList();
        if (!clashes.isEmpty()) {
            throw new IllegalArgumentException(summary(clashes) + "; rename one of them, or enhance them into separate folders");
        }
        final Set<Path> sources = inputs.stream().map(OutputPlan::key).collect(Collectors.toSet());
        final List<String> ontoInputs = targets.values().stream().filter(t -> sources.contains(key(t))).map(Path::toString).sorted().toList();
        if (!ontoInputs.isEmpty()) {
            throw new IllegalArgumentException("the output would replace the input " + summary(ontoInputs)
                    + "; choose another OUT");
        }
        if (!overwrite) {
            final List<String> existing = targets.values().stream().filter(Files::exists).map(Path::toString).sorted().toList();
            if (!existing.isEmpty()) {
                throw new IllegalArgumentException(summary(existing) + " exist(s) already; add --overwrite to replace them");
            }
        }
        return new OutputPlan(targets);
    }

    Path target(Path source) {
        return targets.get(source);
    }

    private static Path targetFor(Path in, Path out, Path source, Encoding encoding) {
        final String name = stem(source) + (encoding == Encoding.JPEG ? ".jpg" : ".png");
        if (Files.isRegularFile(in)) {
            return Files.isDirectory(out) ? out.resolve(name) : out;
        }
        final Path parent = in.relativize(source).getParent();
        return parent == null ? out.resolve(name) : out.resolve(parent).resolve(name);
    }

    private static Path key(Path path) {
        return path.toAbsolutePath().normalize();
    }

    private static String summary(List<String> items) {
        final String shown = String.join(", ", items.subList(0, Math.min(SHOWN, items.size())));
        return items.size() > SHOWN ? shown + " (and " + (items.size() - SHOWN) + " more)" : shown;
    }

    private static String stem(Path file) {
        final String name = file.getFileName().toString();
        final int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
