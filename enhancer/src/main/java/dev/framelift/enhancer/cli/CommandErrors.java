package dev.framelift.enhancer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * How a command that fails says so: one line on stderr, {@code framelift <command>: <what went
 * wrong>}, and an exit code; no stack trace unless {@code FRAMELIFT_DEBUG=1}.
 *
 * <table>
 * <tr><th>exit</th><th>when</th></tr>
 * <tr><td>2</td><td>the user asked for something invalid: a bad setting or argument</td></tr>
 * <tr><td>1</td><td>anything else (a file, the cluster, an unexpected error)</td></tr>
 * </table>
 */
final class CommandErrors implements IExecutionExceptionHandler {
    static final int USAGE = 2;
    static final int FAILED = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        final PrintWriter err = commandLine.getErr();
        err.println(commandLine.getCommandSpec().qualifiedName() + ": " + describe(e));
        if ("1".equals(System.getenv("FRAMELIFT_DEBUG"))) {
            e.printStackTrace(err);
        }
        err.flush();
        return exitCode(e);
    }

    static int exitCode(Throwable e) {
        if ((e instanceof ExecutionException || e instanceof CompletionException) && e.getCause() != null) {
            return exitCode(e.getCause());
        }
        return configProblem(e) != null || e instanceof IllegalArgumentException ? USAGE : FAILED;
    }

    /** One line saying what went wrong, in the user's terms where the exception allows it. */
    static String describe(Throwable e) {
        if ((e instanceof ExecutionException || e instanceof CompletionException) && e.getCause() != null) {
            return describe(e.getCause());
        }
        final ConfigException config = configProblem(e);
        if (config != null) {
            return "invalid setting: " + config.getMessage();
        }
        final Throwable io = e instanceof UncheckedIOException ? e.getCause() : e;
        if (io instanceof NoSuchFileException missing) {
            return "no such file or folder: " + missing.getFile();
        }
        if (io instanceof AccessDeniedException denied) {
            return "permission denied: " + denied.getFile();
        }
        if (io instanceof FileAlreadyExistsException exists) {
            return "already exists: " + exists.getFile();
        }
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException || e instanceof IOException
                || e instanceof UncheckedIOException) {
            return oneLine(e.getMessage(), e);
        }
        if (e instanceof KafkaException) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return "Kafka: " + oneLine(root.getMessage(), root);
        }
        return "unexpected error: " + oneLine(String.valueOf(e), e) + " (FRAMELIFT_DEBUG=1 shows the stack trace)";
    }

    private static ConfigException configProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConfigException config) {
                return config;
            }
        }
        return null;
    }

    private static String oneLine(String message, Throwable e) {
        final String text = message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
        return text.strip().replaceAll("\\s*\\R\\s*", " / ");
    }
}
