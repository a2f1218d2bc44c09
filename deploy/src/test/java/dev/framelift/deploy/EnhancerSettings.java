package dev.framelift.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.NewTopic;

import dev.framelift.enhancer.app.TopicSetup;
import dev.framelift.enhancer.config.EnhancerConfig;

/**
 * The enhancer settings a deployment file gives through {@code FRAMELIFT_*} environment
 * variables, read the way {@code framelift run} reads them, and what follows from them in the
 * code: the topics {@link TopicSetup} would create.
 */
final class EnhancerSettings {
    private static final Pattern FRAMELIFT_VARIABLE = Pattern.compile("FRAMELIFT_[A-Z0-9_]+");

    private final EnhancerConfig config;

    private EnhancerSettings(EnhancerConfig config) {
        this.config = config;
    }

    /**
     * @param environment a container's variables; every {@code FRAMELIFT_*} one must be a setting
     *                    of {@code EnhancerConfig} or a variable of the image's launcher
     */
    static EnhancerSettings fromEnvironment(Map<String, String> environment) {
        Map<String, String> settings = new HashMap<>();
        Map<String, String> byVariable = new HashMap<>();
        for (String key : EnhancerConfig.DEFINITION.names()) {
            byVariable.put(EnhancerConfig.environmentVariable(key), key);
        }
        Set<String> launcher = launcherVariables();
        environment.forEach((name, value) -> {
            if (!name.startsWith("FRAMELIFT_")) {
                return;
            }
            assertThat(byVariable.containsKey(name) || launcher.contains(name))
                    .as("%s is neither an enhancer setting (%s) nor a launcher variable (%s)", name,
                            new TreeSet<>(byVariable.keySet()), launcher).isTrue();
            if (byVariable.containsKey(name)) {
                settings.put(byVariable.get(name), value);
            }
        });
        return new EnhancerSettings(new EnhancerConfig(settings));
    }

    /** The FRAMELIFT_* variables the image's launcher script reads. */
    static Set<String> launcherVariables() {
        Set<String> names = new TreeSet<>();
        Matcher m = FRAMELIFT_VARIABLE.matcher(RepositoryFiles.read(RepositoryFiles.IMAGE_LAUNCHER));
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    EnhancerConfig config() {
        return config;
    }

    List<NewTopic> topics() {
        return TopicSetup.topics(config);
    }

    int partitions(String topic) {
        return topics().stream().filter(t -> t.name().equals(topic)).findFirst().orElseThrow().numPartitions();
    }

    int httpPort() {
        return config.getInt(EnhancerConfig.HTTP_PORT);
    }

    String bootstrapServers() {
        return config.bootstrapServers();
    }

    String applicationId() {
        return config.getString(EnhancerConfig.APPLICATION_ID);
    }

    int batchMaxSize() {
        return config.getInt(EnhancerConfig.BATCH_MAX_SIZE);
    }

    int tfIntraOpThreads() {
        return config.getInt(EnhancerConfig.TF_INTRA_OP_THREADS);
    }

    String stateDir() {
        return config.getString(EnhancerConfig.STATE_DIR);
    }
}
