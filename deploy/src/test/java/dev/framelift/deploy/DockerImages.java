package dev.framelift.deploy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code deploy/docker/Dockerfile} builds, read from the file: its stages, build arguments,
 * user and JavaCPP cache; and the image tags, as docker-compose names them (the Kubernetes
 * manifests must use the same).
 */
final class DockerImages {
    private static final String DOCKERFILE = RepositoryFiles.read(RepositoryFiles.DOCKERFILE);

    private DockerImages() {
    }

    /** Stage names ({@code FROM ... AS name}): the build targets. */
    static Set<String> stages() {
        return matches("(?im)^FROM\\s+\\S+\\s+AS\\s+(\\S+)\\s*$");
    }

    /** Build arguments ({@code ARG NAME[=default]}). */
    static Set<String> buildArgs() {
        return matches("(?m)^ARG\\s+([A-Z_]+)");
    }

    /** The numeric user the images run as. */
    static int user() {
        Set<String> users = matches("(?m)^USER\\s+(\\d+)");
        if (users.size() != 1) {
            throw new AssertionError("the Dockerfile should set one numeric USER, found " + users);
        }
        return Integer.parseInt(users.iterator().next());
    }

    /** Where the images keep the JavaCPP cache (FRAMELIFT_JAVACPP_CACHE), declared a VOLUME. */
    static String javacppCache() {
        Set<String> caches = matches("FRAMELIFT_JAVACPP_CACHE=(\\S+)");
        Set<String> volumes = matches("(?m)^VOLUME\\s+\\[\"([^\"]+)\"\\]");
        if (caches.size() != 1 || !volumes.containsAll(caches)) {
            throw new AssertionError("FRAMELIFT_JAVACPP_CACHE " + caches + " should be one of the VOLUMEs " + volumes);
        }
        return caches.iterator().next();
    }

    /** The CLI class a stage's launcher runs ({@code ENV FRAMELIFT_MAIN=...} in that stage). */
    static String mainClass(String stage) {
        Matcher m = Pattern.compile("(?ims)^FROM\\s+\\S+\\s+AS\\s+" + Pattern.quote(stage)
                + "\\s*$(.*?)(?=^FROM\\s|\\z)").matcher(DOCKERFILE);
        if (!m.find()) {
            throw new AssertionError("no stage " + stage + " in the Dockerfile");
        }
        Matcher main = Pattern.compile("FRAMELIFT_MAIN=(\\S+)").matcher(m.group(1));
        if (!main.find()) {
            throw new AssertionError("stage " + stage + " sets no FRAMELIFT_MAIN");
        }
        return main.group(1);
    }

    /** The tag docker-compose gives the enhancer image: the CPU one, or with the GPU override. */
    static String tag(boolean gpu) {
        String image = (gpu ? Compose.gpu() : Compose.cpu()).service("enhancer").get("image").string();
        return image.substring(image.lastIndexOf(':') + 1);
    }

    private static Set<String> matches(String regex) {
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile(regex).matcher(DOCKERFILE);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
