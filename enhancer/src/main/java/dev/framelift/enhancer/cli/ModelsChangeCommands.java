package dev.framelift.enhancer.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.framelift.enhancer.config.EnhancerConfig;
import dev.framelift.model.Scope;
import dev.framelift.model.topic.ModelAdmin;
import dev.framelift.model.topic.ModelPublisher;
import dev.framelift.model.topic.PublishRefused;

/** {@code models activate | rollback | remove}: records that change what serves a scope. */
final class ModelsChangeCommands {
    private ModelsChangeCommands() {
    }

    /** The work of one change; returns what to print. */
    @FunctionalInterface
    private interface Change {
        String apply(ModelAdmin admin, Scope scope) throws PublishRefused;
    }

    private static int run(String command, ModelsCommand.Connection connection, String scopeText, Change change) {
        final Scope scope;
        try {
            scope = Scope.parse(scopeText);
        } catch (IllegalArgumentException e) {
            return ModelsCommand.fail(command, e.getMessage(), ModelsCommand.BAD_ARGUMENTS);
        }
        try {
            final EnhancerConfig config = connection.config();
            try (ModelAdmin admin = connection.admin(config)) {
                System.out.println(change.apply(admin, scope));
                return 0;
            }
        } catch (PublishRefused e) {
            return ModelsCommand.fail(command, e.getMessage(), ModelsCommand.REFUSED);
        } catch (IllegalArgumentException e) {
            return ModelsCommand.fail(command, e.getMessage(), ModelsCommand.BAD_ARGUMENTS);
        } catch (Exception e) {
            return ModelsCommand.fail(command, e.getMessage(), ModelsCommand.FAILED);
        }
    }

    private static String written(ModelPublisher.Published p) {
        return p.update().getAction() + " " + p.update().getCard().getVersion() + " for " + p.key() + " at offset "
                + p.offset() + " (" + p.update().getNote() + "); enhancers swap it in once it passes their checks";
    }

    @Command(name = "activate", mixinStandardHelpOptions = true,
            description = {"Make VERSION the active model of SCOPE: promote its shadow candidate, or go back to any",
                    "earlier version still on the topic (written as a roll back). Needs no signing key: the record",
                    "republishes a model a trusted key signed."})
    static final class Activate implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "SCOPE", description = "TASK or TASK@STREAM, e.g. colorize@cam-7.")
        String scope;

        @Parameters(index = "1", paramLabel = "VERSION", description = "The card version, as models list shows it.")
        String version;

        @Mixin
        ModelsCommand.Connection connection;

        @Override
        public Integer call() {
            return run("activate", connection, scope, (admin, s) ->
                    written(admin.activate(s, version, ModelsCommand.publisher("activate"))));
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = {"Go back to the version of SCOPE that was active before the current one. A roll back is a",
                    "record on the topic, so every enhancer (and every one started later) follows it."})
    static final class Rollback implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "SCOPE", description = "TASK or TASK@STREAM.")
        String scope;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the record.")
        String reason;

        @Mixin
        ModelsCommand.Connection connection;

        @Override
        public Integer call() {
            return run("rollback", connection, scope, (admin, s) ->
                    written(admin.rollback(s, reason, ModelsCommand.publisher("rollback"))));
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = {"Remove the published model of SCOPE (a tombstone): a stream falls back to its task's model,",
                    "a task to the shipped default. With --shadow, remove only its shadow candidate."})
    static final class Remove implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "SCOPE", description = "TASK or TASK@STREAM.")
        String scope;

        @Option(names = "--shadow", description = "Remove the shadow candidate instead.")
        boolean shadow;

        @Mixin
        ModelsCommand.Connection connection;

        @Override
        public Integer call() {
            return run("remove", connection, scope, (admin, s) -> "removed " + (shadow ? "the shadow candidate of " : "")
                    + s + " (tombstone at offset " + admin.remove(s, shadow) + ")");
        }
    }
}
