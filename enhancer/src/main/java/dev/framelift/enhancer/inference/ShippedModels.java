package dev.framelift.enhancer.inference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.framelift.schema.ModelCard;
import dev.framelift.schema.ModelCardJson;
import dev.framelift.schema.Tasks;

/** The shipped defaults: the model folders of {@code models.dir}, the newest per task. Stateless. */
final class ShippedModels {
    private static final Logger log = LoggerFactory.getLogger(ShippedModels.class);

    private ShippedModels() {
    }

    private record Candidate(Path dir, ModelCard card) {
    }

    /**
     * Loads every immediate subdirectory of {@code modelsDir} that holds a {@code card.json}. A
     * model serves its card's task, or {@code <task>-perceptual} for that flavour. When several
     * claim the same served task, only the one with the newest {@code createdTime} is loaded (ties:
     * the directory name that sorts last).
     *
     * @return the loaded generators, which the caller owns
     * @throws IOException if {@code modelsDir} is not a directory, a card cannot be read, or a
     *     chosen model fails to load or its canary (the models loaded so far are closed)
     */
    static List<Generator> load(Path modelsDir) throws IOException {
        if (!Files.isDirectory(modelsDir)) {
            throw new IOException("models directory " + modelsDir + " does not exist");
        }
        final Map<String, List<Candidate>> byTask = new LinkedHashMap<>();
        try (Stream<Path> children = Files.list(modelsDir)) {
            for (Path dir : children.sorted().toList()) {
                if (Files.isDirectory(dir) && Files.isRegularFile(dir.resolve(ModelCardJson.FILE_NAME))) {
                    final ModelCard card = ModelCardJson.read(dir);
                    byTask.computeIfAbsent(Tasks.served(card), t -> new ArrayList<>()).add(new Candidate(dir, card));
                }
            }
        }
        final List<Generator> loaded = new ArrayList<>();
        try {
            for (var entry : byTask.entrySet()) {
                final List<Candidate> candidates = entry.getValue();
                final Candidate newest = candidates.stream()
                        .max(Comparator.comparing((Candidate c) -> c.card.getCreatedTime())
                                .thenComparing(c -> c.dir.getFileName().toString()))
                        .orElseThrow();
                if (candidates.size() > 1) {
                    log.info("task {}: {} models in {}; using the newest, {} ({}, created {})", entry.getKey(),
                            candidates.size(), modelsDir, newest.card.getVersion(), newest.dir.getFileName(),
                            newest.card.getCreatedTime());
                }
                loaded.add(Generator.load(newest.dir));
            }
        } catch (IOException | RuntimeException e) {
            loaded.forEach(Generator::close);
            throw e;
        }
        return loaded;
    }
}
