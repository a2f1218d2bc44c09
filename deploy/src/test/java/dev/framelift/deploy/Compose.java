package dev.framelift.deploy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A docker-compose project as {@code docker compose -f a.yml -f b.yml} sees it: later files merged
 * into earlier ones (mappings key by key, other values replaced), which is how Compose merges the
 * parts these tests read (environment, image, build, deploy, command).
 */
final class Compose {
    private final String name;
    private final Map<String, Object> merged;

    private Compose(String name, Map<String, Object> merged) {
        this.name = name;
        this.merged = merged;
    }

    static Compose of(String name, Path... files) {
        Map<String, Object> merged = new LinkedHashMap<>();
        for (Path file : files) {
            merge(merged, RepositoryFiles.mapping(file));
        }
        return new Compose(name, merged);
    }

    static Compose cpu() {
        return of("docker-compose.yml", RepositoryFiles.COMPOSE);
    }

    static Compose gpu() {
        return of("docker-compose.yml + docker-compose.gpu.yml", RepositoryFiles.COMPOSE, RepositoryFiles.COMPOSE_GPU);
    }

    Tree service(String service) {
        Tree tree = Tree.of(merged).get("services").get(service);
        if (!tree.exists()) {
            throw new AssertionError(name + " has no service " + service);
        }
        return tree;
    }

    /** A service's environment, from either of Compose's forms (mapping, or list of KEY=VALUE). */
    Map<String, String> environment(String service) {
        Tree env = service(service).get("environment");
        Map<String, String> result = new LinkedHashMap<>();
        if (!env.exists()) {
            return result;
        }
        try {
            env.map().forEach((k, v) -> result.put(k, String.valueOf(v)));
        } catch (AssertionError notAMapping) {
            for (String entry : env.strings()) {
                int eq = entry.indexOf('=');
                result.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return result;
    }

    List<String> command(String service) {
        return service(service).get("command").strings();
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, Map<String, Object> from) {
        from.forEach((key, value) -> {
            if (value instanceof Map && into.get(key) instanceof Map) {
                merge((Map<String, Object>) into.get(key), (Map<String, Object>) value);
            } else {
                into.put(key, value instanceof Map ? new LinkedHashMap<>((Map<String, Object>) value) : value);
            }
        });
    }

    @Override
    public String toString() {
        return name;
    }
}
