package dev.framelift.enhancer.cli;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.framelift.enhancer.app.StreamsSettings;
import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.enhancer.config.SecretKeys;

/** {@code framelift config}: the settings in effect, or the documentation table of all of them. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Print the enhancer settings in effect (after environment, --config and --set), or with --markdown the table of every key.",
                "Passwords, JAAS configs and other secrets are shown as " + SecretKeys.MASK + "."})
final class ConfigCommand implements Callable<Integer> {
    @Option(names = "--markdown", description = "Print every key with its default and doc as a Markdown table.")
    boolean markdown;

    @Mixin
    EnhancerOptions options;

    @Override
    public Integer call() throws Exception {
        if (markdown) {
            System.out.print(EnhancerConfig.markdownTable());
            return 0;
        }
        final EnhancerConfig config = options.toConfig(null);
        StreamsSettings.of(config);
        final Map<String, Object> effective = new TreeMap<>(config.values());
        effective.putAll(config.kafkaOverrides().entrySet().stream().collect(
                java.util.stream.Collectors.toMap(e -> EnhancerConfig.KAFKA_PREFIX + e.getKey(), Map.Entry::getValue)));
        effective.forEach((key, value) -> System.out.println(key + "=" + SecretKeys.printable(key, value)));
        return 0;
    }
}
