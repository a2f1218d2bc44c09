package dev.framelift.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Every YAML file of the deployment parses, and every Kubernetes object says what it is. */
class YamlFilesTest {
    @Test
    void shouldParseEveryYamlFile() {
        List<Path> files = RepositoryFiles.yamlFiles();

        assertThat(files).contains(RepositoryFiles.COMPOSE, RepositoryFiles.COMPOSE_GPU,
                RepositoryFiles.K8S.resolve("base/kustomization.yaml"));
        for (Path file : files) {
            assertThat(RepositoryFiles.documents(file)).as(file.toString()).isNotEmpty();
        }
    }

    @Test
    void shouldGiveEveryKubernetesObjectAnApiVersionKindAndName() {
        for (Path file : RepositoryFiles.yamlFiles()) {
            if (!file.startsWith(RepositoryFiles.K8S)) {
                continue;
            }
            for (Object document : RepositoryFiles.documents(file)) {
                Tree object = Tree.of(document);
                assertThat(object.get("apiVersion").exists()).as("apiVersion in %s", file).isTrue();
                assertThat(object.get("kind").exists()).as("kind in %s", file).isTrue();
                if (!object.get("kind").string().equals("Kustomization")) {
                    assertThat(object.get("metadata").get("name").exists()).as("metadata.name in %s", file).isTrue();
                }
            }
        }
    }
}
