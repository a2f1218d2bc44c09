package dev.framelift.enhancer.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.model.topic.ModelAdmin;
import dev.framelift.model.topic.SignaturePolicy;

/**
 * {@code framelift models}: the {@code models} topic as a model registry. Every subcommand talks
 * to Kafka alone; enhancers follow what it writes.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"Publish, list, activate, roll back and remove models on the models topic; every enhancer",
                "follows it. Exit codes: 0 done, 1 failed, 2 bad arguments, 3 refused (nothing written)."},
        subcommands = {ModelsListCommand.class, ModelsPublishCommand.class, ModelsChangeCommands.Activate.class,
                ModelsChangeCommands.Rollback.class, ModelsChangeCommands.Remove.class, ModelsKeygenCommand.class})
final class ModelsCommand implements Runnable {
    static final int FAILED = 1;
    static final int BAD_ARGUMENTS = 2;
    static final int REFUSED = 3;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The options every subcommand that talks to Kafka shares. */
    static final class Connection {
        @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", required = true, description = "Kafka bootstrap servers.")
        String bootstrapServers;

        @Mixin
        EnhancerOptions options;

        EnhancerConfig config() throws IOException {
            return options.toConfig(bootstrapServers);
        }

        /**
         * The enhancers' view of the topic when trusted keys are configured (so a refused record shows
         * as refused), otherwise every record as published.
         */
        static SignaturePolicy view(EnhancerConfig config) {
            return config.getList(EnhancerConfig.MODELS_TRUSTED_KEYS).isEmpty()
                    && !config.getBoolean(EnhancerConfig.MODELS_ALLOW_UNSIGNED)
                    ? SignaturePolicy.unchecked() : config.signaturePolicy();
        }

        ModelAdmin admin(EnhancerConfig config) {
            return new ModelAdmin(config.clientSettings(), config.messageMaxBytes(), view(config));
        }
    }

    /** user@host and the command, for the record's {@code publisher}. */
    static String publisher(String command) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        return System.getProperty("user.name") + "@" + host + " (framelift models " + command + ")";
    }

    /** Prints a one-line error for a user's mistake or a refusal and returns the exit code. */
    static int fail(String command, String message, int code) {
        final PrintStream err = System.err;
        err.println("models " + command + ": " + message);
        err.flush();
        return code;
    }
}
