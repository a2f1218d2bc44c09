package dev.framelift.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The repository's deployment files, found from the module folder the tests run in, and parsed. */
final class RepositoryFiles {
    /** The repository root: surefire and failsafe run in {@code deploy/}. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path DEPLOY = ROOT.resolve("deploy");
    static final Path K8S = DEPLOY.resolve("k8s");
    static final Path DOCKERFILE = DEPLOY.resolve("docker/Dockerfile");
    static final Path IMAGE_LAUNCHER = DEPLOY.resolve("docker/framelift");
    static final Path COMPOSE = ROOT.resolve("docker-compose.yml");
    static final Path COMPOSE_GPU = ROOT.resolve("docker-compose.gpu.yml");

    private RepositoryFiles() {
    }

    /** Every YAML document of a file (plain maps, lists and scalars; anchors and merge keys resolved). */
    static List<Object> documents(Path file) {
        try {
            List<Object> documents = new ArrayList<>();
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(file))) {
                if (document != null) {
                    documents.add(document);
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file of one YAML mapping. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> mapping(Path file) {
        List<Object> documents = documents(file);
        if (documents.size() != 1 || !(documents.get(0) instanceof Map)) {
            throw new IllegalStateException(file + " is not one YAML mapping");
        }
        return (Map<String, Object>) documents.get(0);
    }

    /** Every YAML file of the deployment: the compose files and everything under deploy/. */
    static List<Path> yamlFiles() {
        try (Stream<Path> tree = Files.walk(DEPLOY)) {
            List<Path> files = new ArrayList<>(tree
                    .filter(p -> !p.startsWith(DEPLOY.resolve("target")) && !p.startsWith(DEPLOY.resolve("src")))
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList());
            files.add(COMPOSE);
            files.add(COMPOSE_GPU);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
