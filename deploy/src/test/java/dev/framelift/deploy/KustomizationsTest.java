package dev.framelift.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kustomization's references resolve without Kustomize: resources, generator files, patches
 * and what they patch, and the images they retag (the rendering itself is checked by
 * {@link KubernetesManifestsTest} where kubectl is installed).
 */
class KustomizationsTest {
    static Stream<Path> kustomizations() throws IOException {
        try (Stream<Path> tree = Files.walk(RepositoryFiles.K8S)) {
            return tree.filter(p -> p.getFileName().toString().equals("kustomization.yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void shouldReferOnlyToFilesAndObjectsThatExist(Path file) {
        Path dir = file.getParent();
        Tree kustomization = Tree.of(RepositoryFiles.mapping(file));
        Manifests base = Manifests.baseFiles();

        for (String resource : kustomization.get("resources").strings()) {
            Path target = dir.resolve(resource).normalize();
            assertThat(Files.isRegularFile(target) || Files.isRegularFile(target.resolve("kustomization.yaml")))
                    .as("resource %s of %s", resource, file).isTrue();
        }
        if (kustomization.get("configMapGenerator").exists()) {
            for (Tree generator : kustomization.get("configMapGenerator").list()) {
                if (generator.get("envs").exists()) {
                    generator.get("envs").strings().forEach(env -> assertThat(dir.resolve(env)).isRegularFile());
                }
                if (generator.get("behavior").optionalString().orElse("create").equals("merge")) {
                    base.one("ConfigMap", generator.get("name").string());
                }
            }
        }
        if (kustomization.get("patches").exists()) {
            for (Tree patch : kustomization.get("patches").list()) {
                if (patch.get("path").exists()) {
                    Tree patched = Tree.of(RepositoryFiles.documents(dir.resolve(patch.get("path").string())).get(0));
                    base.one(patched.get("kind").string(), patched.get("metadata").get("name").string());
                } else {
                    String kind = patch.get("target").get("kind").string();
                    String names = patch.get("target").get("name").string();
                    assertThat(base.all(kind)).as("objects %s/%s patched by %s", kind, names, file)
                            .anySatisfy(o -> assertThat(o.get("metadata").get("name").string()).matches(names));
                }
            }
        }
        if (kustomization.get("images").exists()) {
            List<String> used = RepositoryFiles.read(RepositoryFiles.K8S.resolve("base/enhancer.yaml")).lines()
                    .filter(l -> l.contains("image:")).toList();
            String trainer = RepositoryFiles.read(RepositoryFiles.K8S.resolve("base/trainer.yaml"));
            for (Tree image : kustomization.get("images").list()) {
                String name = image.get("name").string();
                assertThat(used.stream().anyMatch(l -> l.contains(name + ":")) || trainer.contains("image: " + name + ":"))
                        .as("image %s retagged by %s is used in the base", name, file).isTrue();
            }
        }
    }
}
