package dev.framelift.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An image's contents laid out on this machine by the Dockerfile's own steps:
 * {@code deploy/docker/install-jars.sh} puts a module's jars under a home folder, and the image's
 * {@code framelift} launcher runs the stage's CLI ({@code FRAMELIFT_MAIN} from the Dockerfile)
 * with a given environment, as the container would. The modules must be packaged first
 * ({@code mvn verify} does).
 */
final class ImageLayout {
    /** What a command printed and how it ended. */
    record Result(int exit, String output) {
    }

    private ImageLayout() {
    }

    static void install(String module, Path home) throws IOException, InterruptedException {
        Result installed = run(List.of(RepositoryFiles.DEPLOY.resolve("docker/install-jars.sh").toString(), module,
                home.toString()), Map.of());
        assertThat(installed.exit()).as(installed.output()).isZero();
    }

    /** Runs the launcher to its end. */
    static Result launch(Path home, String stage, Path cache, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        return run(command(args), environment(home, stage, cache, env));
    }

    /** Starts the launcher in the background, its output going to {@code log}. */
    static Process start(Path home, String stage, Path cache, Map<String, String> env, Path log, String... args)
            throws IOException {
        ProcessBuilder builder = builder(command(args), environment(home, stage, cache, env));
        return builder.redirectOutput(log.toFile()).start();
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(RepositoryFiles.IMAGE_LAUNCHER.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static Map<String, String> environment(Path home, String stage, Path cache, Map<String, String> env) {
        Map<String, String> environment = new HashMap<>(env);
        environment.put("FRAMELIFT_HOME", home.toString());
        environment.put("FRAMELIFT_MAIN", DockerImages.mainClass(stage));
        environment.put("FRAMELIFT_JAVACPP_CACHE", cache.toString());
        environment.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        return environment;
    }

    private static ProcessBuilder builder(List<String> command, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("FRAMELIFT_"));
        builder.environment().putAll(env);
        return builder;
    }

    private static Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        Process process = builder(command, env).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
