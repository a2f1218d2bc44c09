package dev.framelift.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The images really build and run, where a Docker engine answers (CI elsewhere; skipped, saying
 * so, on machines with the docker client alone). The first build downloads the base images,
 * Maven and every dependency: minutes.
 */
class DockerImagesIntegrationTest {
    private static final String TAG = "framelift-test";

    @BeforeEach
    void needsADockerEngine() throws InterruptedException {
        assumeTrue(run(List.of("docker", "info")).exit == 0, "no Docker engine answers `docker info`: images not built");
    }

    @Test
    void shouldBuildTheEnhancerImageThatRunsItsCliAsANonRootUser() throws Exception {
        build("enhancer");

        Result config = run(List.of("docker", "run", "--rm", "-e", "FRAMELIFT_BATCH_MAX_SIZE=16", "framelift/enhancer:" + TAG, "config"));
        assertThat(config.exit).as(config.output).isZero();
        assertThat(config.output).contains("batch.max.size=16").contains("models.dir=/opt/framelift/models");
        Result user = run(List.of("docker", "run", "--rm", "--entrypoint", "id", "framelift/enhancer:" + TAG, "-u"));
        assertThat(user.output.trim()).isEqualTo(String.valueOf(DockerImages.user()));
    }

    @Test
    void shouldBuildTheTrainerImageThatRunsItsCli() throws Exception {
        build("trainer");

        Result help = run(List.of("docker", "run", "--rm", "framelift/trainer:" + TAG, "train", "--help"));
        assertThat(help.exit).as(help.output).isZero();
        assertThat(help.output).contains("--task");
    }

    @Test
    void shouldPassComposesOwnValidationOfBothVariants() throws Exception {
        assumeTrue(run(List.of("docker", "compose", "version")).exit == 0, "the docker compose plugin is not installed");
        for (List<String> files : List.of(List.of("-f", "docker-compose.yml"),
                List.of("-f", "docker-compose.yml", "-f", "docker-compose.gpu.yml"))) {
            List<String> command = new ArrayList<>(List.of("docker", "compose"));
            command.addAll(files);
            command.addAll(List.of("--profile", "trainer", "config", "--quiet"));
            Result config = run(command);
            assertThat(config.exit).as("%s: %s", files, config.output).isZero();
        }
    }

    private static void build(String target) throws Exception {
        Result built = run(List.of("docker", "build", "-f", RepositoryFiles.DOCKERFILE.toString(), "--target", target,
                "-t", "framelift/" + target + ":" + TAG, RepositoryFiles.ROOT.toString()));
        assertThat(built.exit).as(built.output).isZero();
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).directory(RepositoryFiles.ROOT.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return new Result(-1, output);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        }
    }
}
