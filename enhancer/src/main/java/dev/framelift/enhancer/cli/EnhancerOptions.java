package dev.framelift.enhancer.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import picocli.CommandLine.Option;

import dev.framelift.enhancer.config.EnhancerConfig;

/**
 * The options shared by the commands that run the enhancer. Precedence, lowest first: defaults,
 * {@code FRAMELIFT_*} environment variables, {@code --config FILE}, {@code --set}, then the
 * dedicated flags.
 */
final class EnhancerOptions {
    @Option(names = "--models", paramLabel = "DIR",
            description = "Folder of exported models (default: the models shipped in the repository's models/).")
    Path models;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file of enhancer settings (see README).")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any enhancer setting, e.g. --set batch.max.size=16.")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** The repository's models folder, as the launcher tells it, or ./models. */
    static Path defaultModelsDir() {
        String home = System.getProperty("framelift.home");
        return home != null ? Path.of(home, "models") : Path.of("models");
    }

    /** {@code batch.max.size} is read from {@code FRAMELIFT_BATCH_MAX_SIZE}. */
    static String environmentName(String key) {
        return EnhancerConfig.environmentVariable(key);
    }

    EnhancerConfig toConfig(String bootstrapServers) throws IOException {
        return toConfig(bootstrapServers, null);
    }

    /** @param httpPort a command's {@code --http-port}, or null */
    EnhancerConfig toConfig(String bootstrapServers, Integer httpPort) throws IOException {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (String key : EnhancerConfig.DEFINITION.names()) {
            String env = System.getenv(environmentName(key));
            if (env != null) {
                settings.put(key, env);
            }
        }
        if (configFile != null) {
            Properties file = new Properties();
            try (Reader in = Files.newBufferedReader(configFile)) {
                file.load(in);
            }
            file.forEach((k, v) -> settings.put(k.toString(), v));
        }
        settings.putAll(overrides);
        if (!settings.containsKey(EnhancerConfig.MODELS_DIR) || models != null) {
            settings.put(EnhancerConfig.MODELS_DIR, (models != null ? models : defaultModelsDir()).toString());
        }
        if (bootstrapServers != null) {
            settings.put(EnhancerConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        }
        if (httpPort != null) {
            settings.put(EnhancerConfig.HTTP_PORT, httpPort.toString());
        }
        for (String key : settings.keySet()) {
            if (!EnhancerConfig.DEFINITION.names().contains(key) && !key.startsWith(EnhancerConfig.KAFKA_PREFIX)) {
                throw new IllegalArgumentException("unknown setting '" + key + "'; known: " + EnhancerConfig.DEFINITION.names()
                        + ", or any Kafka client setting prefixed with '" + EnhancerConfig.KAFKA_PREFIX + "'");
            }
        }
        return new EnhancerConfig(settings);
    }
}
