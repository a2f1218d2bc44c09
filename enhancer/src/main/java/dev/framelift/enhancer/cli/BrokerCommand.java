package dev.framelift.enhancer.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.framelift.enhancer.broker.BrokerSecurity;
import dev.framelift.enhancer.broker.EmbeddedKafkaBroker;
import dev.framelift.enhancer.config.EnhancerConfig;

/** {@code framelift broker}: a real single-node KRaft broker for development and tests. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = {"Run a single-node Kafka broker (KRaft, from the Kafka jars) on 127.0.0.1.",
                "Prints its bootstrap address when ready; Ctrl-C stops it. Started again on the",
                "same --dir, it keeps its topics, offsets, transactions, users and ports.",
                "With --tls and/or --scram-user it writes the client settings to",
                "<dir>/client.properties (mode 600), for --config:",
                "  ./framelift run --bootstrap-servers 127.0.0.1:9092 --config <dir>/client.properties"})
final class BrokerCommand implements Callable<Integer> {
    /** Where the SCRAM user's password can come from, instead of the command line. */
    static final String PASSWORD_VARIABLE = "FRAMELIFT_SCRAM_PASSWORD";

    @Option(names = "--port", defaultValue = "9092",
            description = "Client port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 reuses the port of an earlier start on --dir, or picks a free one).")
    int port;

    @Option(names = "--dir", description = "Log directory (default: $TMPDIR/framelift-broker-<port>).")
    Path dir;

    @Option(names = "--max-message-bytes", defaultValue = "16777216",
            description = "Broker message.max.bytes, the limit of topics created on first use (default: ${DEFAULT-VALUE}, "
                    + "the enhancer's message.max.bytes, so that a frames.raw created by a producer has the limit the "
                    + "enhancer expects).")
    int maxMessageBytes;

    @Option(names = "--tls", description = "TLS on the client listener, with a self-signed certificate for localhost/127.0.0.1 "
            + "generated into --dir (clients trust <dir>/client-truststore.p12).")
    boolean tls;

    @Option(names = "--scram-user", paramLabel = "NAME", description = "Require SASL/SCRAM-SHA-256 and create this user. "
            + "Password: $" + PASSWORD_VARIABLE + ", else --scram-password-file, else one generated and kept in --dir.")
    String scramUser;

    @Option(names = "--scram-password-file", paramLabel = "FILE",
            description = "File whose first line is the SCRAM user's password.")
    Path passwordFile;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, not " + port);
        }
        final Path logDir = dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir"), "framelift-broker-" + port);
        final BrokerSecurity security = new BrokerSecurity(tls, scramUser == null ? Map.of() : Map.of(scramUser, password(logDir)));
        final long started = System.nanoTime();
        final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(port, logDir, maxMessageBytes, security);
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-shutdown"));
        System.out.printf("Kafka broker ready at %s (KRaft, %s, log dir %s, started in %.1f s). Ctrl-C to stop.%n",
                broker.bootstrapServers(), security.protocol(), logDir, (System.nanoTime() - started) / 1e9);
        String next = "./framelift run --bootstrap-servers " + broker.bootstrapServers();
        if (security.tls() || security.scram()) {
            final Path clientFile = broker.writeClientSettings(scramUser, EnhancerConfig.KAFKA_PREFIX);
            System.out.println("Client settings (" + security.protocol() + (scramUser != null ? ", user " + scramUser : "")
                    + "): " + clientFile);
            next += " --config " + clientFile;
        }
        System.out.println("Next: " + next);
        System.out.flush();
        stopped.await();
        return 0;
    }

    private String password(Path logDir) throws IOException {
        final String fromEnvironment = System.getenv(PASSWORD_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment;
        }
        if (passwordFile != null) {
            final String line = Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
            if (line.isEmpty()) {
                throw new IllegalArgumentException("--scram-password-file " + passwordFile + " has no password on its first line");
            }
            return line;
        }
        return EmbeddedKafkaBroker.generatedPassword(logDir, scramUser);
    }
}
