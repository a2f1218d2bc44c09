package dev.framelift.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Kubernetes objects of one deployment variant: the base read file by file, or an overlay
 * rendered by {@code kubectl kustomize} (the same Kustomize that {@code kubectl apply -k} runs).
 */
final class Manifests {
    private static final Map<String, Manifests> RENDERED = new HashMap<>();

    private final String name;
    private final List<Tree> objects;

    private Manifests(String name, List<Tree> objects) {
        this.name = name;
        this.objects = objects;
    }

    /**
     * The base without Kustomize: its resource files, its generated ConfigMap (unhashed name) and
     * its namespace, so the base is checked on machines without kubectl too.
     */
    static Manifests baseFiles() {
        Path base = RepositoryFiles.K8S.resolve("base");
        Tree kustomization = Tree.of(RepositoryFiles.mapping(base.resolve("kustomization.yaml")));
        String namespace = kustomization.get("namespace").string();
        List<Tree> objects = new ArrayList<>();
        for (String resource : kustomization.get("resources").strings()) {
            for (Object document : RepositoryFiles.documents(base.resolve(resource))) {
                Tree object = Tree.of(document);
                if (!object.get("kind").string().equals("Namespace")) {
                    object.get("metadata").map().putIfAbsent("namespace", namespace);
                }
                objects.add(object);
            }
        }
        for (Tree generator : kustomization.get("configMapGenerator").list()) {
            Map<String, Object> data = new LinkedHashMap<>();
            for (String envFile : generator.get("envs").strings()) {
                for (String line : RepositoryFiles.read(base.resolve(envFile)).split("\n")) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        data.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
                    }
                }
            }
            objects.add(Tree.of(Map.of("apiVersion", "v1", "kind", "ConfigMap",
                    "metadata", Map.of("name", generator.get("name").string(), "namespace", namespace), "data", data)));
        }
        return new Manifests("base (files)", objects);
    }

    /**
     * Whether {@code kubectl kustomize} can render here: a kubectl with Kustomize 4 or later (the
     * {@code labels} and {@code patches} fields; kubectl 1.21 and later).
     */
    static boolean canRender() {
        try {
            Process p = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0
                    && java.util.regex.Pattern.compile("Kustomize Version: v([4-9]|\\d\\d)").matcher(out).find();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** An overlay (or the base) as {@code kubectl kustomize} renders it; rendered once per test run. */
    static synchronized Manifests rendered(String dir) throws IOException, InterruptedException {
        Manifests cached = RENDERED.get(dir);
        if (cached == null) {
            cached = render(dir);
            RENDERED.put(dir, cached);
        }
        return cached;
    }

    private static Manifests render(String dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("kubectl", "kustomize", RepositoryFiles.K8S.resolve(dir).toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("kubectl kustomize " + dir + " failed");
        }
        List<Tree> objects = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(out)) {
            if (document != null) {
                objects.add(Tree.of(document));
            }
        }
        return new Manifests(dir + " (kustomize)", objects);
    }

    List<Tree> all(String kind) {
        return objects.stream().filter(o -> o.get("kind").string().equals(kind)).toList();
    }

    Tree one(String kind) {
        List<Tree> found = all(kind);
        if (found.size() != 1) {
            throw new AssertionError(name + ": expected one " + kind + ", found " + found.size());
        }
        return found.get(0);
    }

    Tree one(String kind, String objectName) {
        return find(kind, objectName).orElseThrow(() -> new AssertionError(name + " has no " + kind + " " + objectName));
    }

    Optional<Tree> find(String kind, String objectName) {
        return all(kind).stream().filter(o -> o.get("metadata").get("name").string().equals(objectName)).findFirst();
    }

    /** A container's environment: its ConfigMaps (envFrom), then its own env values on top. */
    Map<String, String> environment(Tree container) {
        Map<String, String> env = new LinkedHashMap<>();
        if (container.get("envFrom").exists()) {
            for (Tree source : container.get("envFrom").list()) {
                one("ConfigMap", source.get("configMapRef").get("name").string()).get("data").map()
                        .forEach((k, v) -> env.put(k, String.valueOf(v)));
            }
        }
        if (container.get("env").exists()) {
            for (Tree variable : container.get("env").list()) {
                variable.get("value").optionalString().ifPresent(v -> env.put(variable.get("name").string(), v));
            }
        }
        return env;
    }

    /** Arguments with Kubernetes' {@code $(VAR)} expanded from the container's environment. */
    List<String> args(Tree container) {
        Map<String, String> env = environment(container);
        return container.get("args").strings().stream().map(arg -> {
            String expanded = arg;
            for (var e : env.entrySet()) {
                expanded = expanded.replace("$(" + e.getKey() + ")", e.getValue());
            }
            return expanded;
        }).toList();
    }

    @Override
    public String toString() {
        return name;
    }
}
