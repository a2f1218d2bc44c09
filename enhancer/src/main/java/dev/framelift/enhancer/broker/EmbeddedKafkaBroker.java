package dev.framelift.enhancer.broker;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * One KRaft node acting as broker and controller, listening on loopback.
 *
 * <p>Lifecycle: {@link #start} formats the log directory on first use and returns when the broker
 * accepts clients; {@link #close} shuts it down and waits. A broker started again on the same
 * directory (a new instance, in this process or another) keeps its topics, committed offsets,
 * transactions and SCRAM users, and listens on the same ports; {@link BrokerStorage} remembers
 * them. Security is {@link BrokerSecurity}; {@link #clientSettings} is what a client needs.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    /** Where {@link #writeClientSettings} writes, in the log directory. */
    public static final String CLIENT_FILE = "client.properties";

    private final KafkaRaftServer server;
    private final int port;
    private final Path logDir;
    private final BrokerSecurity security;
    private final String truststorePassword;

    private EmbeddedKafkaBroker(KafkaRaftServer server, int port, Path logDir, BrokerSecurity security,
            String truststorePassword) {
        this.server = server;
        this.port = port;
        this.logDir = logDir;
        this.security = security;
        this.truststorePassword = truststorePassword;
    }

    /** A plaintext broker; see {@link #start(int, Path, int, BrokerSecurity)}. */
    public static EmbeddedKafkaBroker start(int port, Path logDir, int maxMessageBytes) throws IOException {
        return start(port, logDir, maxMessageBytes, BrokerSecurity.NONE);
    }

    /**
     * Starts a broker.
     *
     * @param port            the client port on 127.0.0.1; 0 reuses the port of an earlier start on
     *                        {@code logDir}, or picks a free one
     * @param logDir          where the log segments live; created if missing
     * @param maxMessageBytes the broker's {@code message.max.bytes}
     * @throws IllegalStateException when the directory cannot be used (a one-line reason)
     */
    public static EmbeddedKafkaBroker start(int port, Path logDir, int maxMessageBytes, BrokerSecurity security)
            throws IOException {
        final BrokerStorage storage = BrokerStorage.open(logDir);
        if (security.scram() && storage.formatted() && !storage.remembers(BrokerStorage.BROKER_PASSWORD)) {
            throw new IllegalStateException(logDir + " was formatted without the broker's SCRAM user; "
                    + "start the SCRAM broker on a new --dir");
        }
        if (port != 0) {
            storage.rememberPort(BrokerStorage.CLIENT_PORT, port);
        }
        final int clientPort = storage.port(BrokerStorage.CLIENT_PORT);
        final int controllerPort = storage.port(BrokerStorage.CONTROLLER_PORT);
        final String brokerPassword = storage.remember(BrokerStorage.BROKER_PASSWORD, BrokerStorage::newPassword);
        final String keystorePassword = storage.remember(BrokerStorage.KEYSTORE_PASSWORD, BrokerStorage::newPassword);
        final String truststorePassword = storage.remember(BrokerStorage.TRUSTSTORE_PASSWORD, BrokerStorage::newPassword);
        if (security.tls()) {
            BrokerTls.ensure(logDir, keystorePassword, truststorePassword);
        }
        final Map<String, String> props = BrokerProperties.of(clientPort, controllerPort, logDir, maxMessageBytes, security,
                keystorePassword, truststorePassword, brokerPassword);
        final Path configFile = logDir.resolve("server.properties");
        BrokerStorage.writeSecret(configFile, props, "FrameLift embedded KRaft broker");
        // before formatting: the broker's SCRAM password goes into the metadata log there
        storage.save();
        storage.formatOnce(configFile, brokerPassword);
        final KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
        server.startup();
        final EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, clientPort, logDir, security, truststorePassword);
        try {
            if (security.scram()) {
                broker.upsertUsers(brokerPassword);
            }
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public BrokerSecurity security() {
        return security;
    }

    /**
     * The settings a Kafka client needs to connect as {@code user} ({@code security.protocol},
     * SASL and truststore settings), without {@code bootstrap.servers}; empty for a plaintext
     * broker. The values include the user's password.
     */
    public Map<String, String> clientSettings(String user) {
        final Map<String, String> settings = new LinkedHashMap<>();
        if (security.tls() || security.scram()) {
            settings.put("security.protocol", security.protocol());
        }
        if (security.scram()) {
            final String password = security.scramUsers().get(user);
            if (password == null) {
                throw new IllegalArgumentException("no SCRAM user '" + user + "'; users: " + security.scramUsers().keySet());
            }
            settings.put("sasl.mechanism", BrokerSecurity.SCRAM_MECHANISM);
            settings.put("sasl.jaas.config", BrokerProperties.jaas(user, password));
        }
        if (security.tls()) {
            settings.put("ssl.truststore.location", logDir.resolve(BrokerTls.TRUSTSTORE).toAbsolutePath().toString());
            settings.put("ssl.truststore.type", BrokerTls.STORE_TYPE);
            settings.put("ssl.truststore.password", truststorePassword);
        }
        return settings;
    }

    /**
     * Writes {@link #clientSettings} of {@code user}, each key prefixed with {@code keyPrefix}, to
     * {@value #CLIENT_FILE} in the log directory, readable by its owner only.
     *
     * @return the file
     */
    public Path writeClientSettings(String user, String keyPrefix) throws IOException {
        final Map<String, String> prefixed = new LinkedHashMap<>();
        clientSettings(user).forEach((key, value) -> prefixed.put(keyPrefix + key, value));
        final Path file = logDir.resolve(CLIENT_FILE);
        BrokerStorage.writeSecret(file, prefixed, "Client settings for user " + user + " of the broker at " + bootstrapServers());
        return file;
    }

    /**
     * The password an earlier start generated for {@code user} on {@code logDir}, or a new one,
     * remembered there (mode 600) for later starts.
     */
    public static String generatedPassword(Path logDir, String user) throws IOException {
        final BrokerStorage storage = BrokerStorage.open(logDir);
        final String password = storage.remember("scram.password." + user, BrokerStorage::newPassword);
        storage.save();
        return password;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    /** Creates or updates the SCRAM users, authenticated as the broker's own user. */
    private void upsertUsers(String brokerPassword) {
        final Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.putAll(clientSettings(security.scramUsers().keySet().iterator().next()));
        props.put("sasl.jaas.config", BrokerProperties.jaas(BrokerSecurity.BROKER_USER, brokerPassword));
        final List<UserScramCredentialAlteration> upserts = new ArrayList<>();
        security.scramUsers().forEach((user, password) -> upserts.add(new UserScramCredentialUpsertion(user,
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 4096), password)));
        try (Admin admin = Admin.create(props)) {
            admin.alterUserScramCredentials(upserts).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create the SCRAM users " + security.scramUsers().keySet() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating SCRAM users", e);
        }
    }
}
