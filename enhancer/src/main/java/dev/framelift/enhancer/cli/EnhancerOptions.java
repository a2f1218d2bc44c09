package dev.framelift.enhancer.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import picocli.CommandLine.Option;

import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.enhancer.config.SecretKeys;

/**
 * The options shared by the commands that run the enhancer. Precedence, lowest first: defaults,
 * {@code FRAMELIFT_*} environment variables ({@code FRAMELIFT_KAFKA_*} for {@code kafka.} keys),
 * {@code --config FILE}, {@code --set}, then the dedicated flags.
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
        final String home = System.getProperty("framelift.home");
        return home != null ? Path.of(home, "models") : Path.of("models");
    }

    /**
     * {@code batch.max.size} is read from {@code FRAMELIFT_BATCH_MAX_SIZE}, and
     * {@code kafka.sasl.jaas.config} from {@code FRAMELIFT_KAFKA_SASL_JAAS_CONFIG}.
     */
    static String environmentName(String key) {
        return EnhancerConfig.environmentVariable(key);
    }

    /** {@code FRAMELIFT_KAFKA_SASL_JAAS_CONFIG} is read as {@code kafka.sasl.jaas.config}. */
    static final String KAFKA_ENVIRONMENT_PREFIX = "FRAMELIFT_KAFKA_";

    EnhancerConfig toConfig(String bootstrapServers) throws IOException {
        return toConfig(bootstrapServers, null, Map.of());
    }

    /** @param httpPort a command's {@code --http-port}, or null */
    EnhancerConfig toConfig(String bootstrapServers, Integer httpPort) throws IOException {
        return toConfig(bootstrapServers, httpPort, Map.of());
    }

    /**
     * @param httpPort        a command's {@code --http-port}, or null
     * @param commandDefaults a command's own defaults, below every other source
     */
    EnhancerConfig toConfig(String bootstrapServers, Integer httpPort, Map<String, String> commandDefaults)
            throws IOException {
        return toConfig(bootstrapServers, httpPort, commandDefaults, System.getenv());
    }

    /**
     * @param environment the process environment: defined keys by {@link #environmentName}, Kafka
     *                    client settings as {@code FRAMELIFT_KAFKA_*} (secrets belong there or in
     *                    {@code --config}, not on a command line that {@code ps} shows)
     */
    EnhancerConfig toConfig(String bootstrapServers, Integer httpPort, Map<String, String> commandDefaults,
            Map<String, String> environment) throws IOException {
        final Map<String, Object> settings = new LinkedHashMap<>(commandDefaults);
        for (String key : EnhancerConfig.DEFINITION.names()) {
            final String env = environment.get(environmentName(key));
            if (env != null) {
                settings.put(key, env);
            }
        }
        environment.forEach((name, value) -> {
            if (name.startsWith(KAFKA_ENVIRONMENT_PREFIX) && name.length() > KAFKA_ENVIRONMENT_PREFIX.length()) {
                settings.put(EnhancerConfig.KAFKA_PREFIX
                        + name.substring(KAFKA_ENVIRONMENT_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        if (configFile != null) {
            final Properties file = new Properties();
            try (Reader in = Files.newBufferedReader(configFile)) {
                file.load(in);
            }
            file.forEach((k, v) -> settings.put(k.toString(), v));
        }
        overrides.keySet().stream().filter(SecretKeys::isSecret).findFirst().ifPresent(key -> System.err.println(
                "warning: --set " + key + " puts a secret on the command line, where `ps` shows it; use "
                        + environmentName(key) + " or --config FILE instead"));
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
