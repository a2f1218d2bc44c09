package dev.framelift.enhancer.broker;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The server properties of the single-node broker: one client listener ({@code CLIENT}, secured
 * as {@link BrokerSecurity} says, also the inter-broker listener) and one controller listener
 * ({@code CONTROLLER}, plaintext), both on 127.0.0.1. Replication factors are 1 and the log
 * cleaner's buffer is small, so the broker fits a small heap.
 */
final class BrokerProperties {
    static final String CLIENT_LISTENER = "CLIENT";

    private BrokerProperties() {
    }

    /**
     * @param keystorePassword   the TLS keystore's password (ignored without TLS)
     * @param truststorePassword the TLS truststore's password (ignored without TLS)
     * @param brokerPassword     the broker's own SCRAM password (ignored without SASL)
     */
    static Map<String, String> of(int clientPort, int controllerPort, Path logDir, int maxMessageBytes,
            BrokerSecurity security, String keystorePassword, String truststorePassword, String brokerPassword) {
        final Map<String, String> p = new TreeMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        final String client = CLIENT_LISTENER + "://127.0.0.1:" + clientPort;
        final String controller = "CONTROLLER://127.0.0.1:" + controllerPort;
        p.put("listeners", client + "," + controller);
        p.put("advertised.listeners", client + "," + controller);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", CLIENT_LISTENER + ":" + security.protocol() + ",CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", CLIENT_LISTENER);
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        p.put("num.partitions", "3");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // The 128 MiB default dedupe buffer would dominate a small broker's heap.
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
        p.put("message.max.bytes", String.valueOf(maxMessageBytes));
        p.put("replica.fetch.max.bytes", String.valueOf(maxMessageBytes));
        final String prefix = "listener.name." + CLIENT_LISTENER.toLowerCase(Locale.ROOT) + ".";
        if (security.tls()) {
            p.put(prefix + "ssl.keystore.location", logDir.resolve(BrokerTls.KEYSTORE).toAbsolutePath().toString());
            p.put(prefix + "ssl.keystore.type", BrokerTls.STORE_TYPE);
            p.put(prefix + "ssl.keystore.password", keystorePassword);
            p.put(prefix + "ssl.key.password", keystorePassword);
            // the broker is a client of itself (transaction markers): it trusts its own certificate
            p.put(prefix + "ssl.truststore.location", logDir.resolve(BrokerTls.TRUSTSTORE).toAbsolutePath().toString());
            p.put(prefix + "ssl.truststore.type", BrokerTls.STORE_TYPE);
            p.put(prefix + "ssl.truststore.password", truststorePassword);
        }
        if (security.scram()) {
            p.put("sasl.enabled.mechanisms", BrokerSecurity.SCRAM_MECHANISM);
            p.put("sasl.mechanism.inter.broker.protocol", BrokerSecurity.SCRAM_MECHANISM);
            p.put(prefix + BrokerSecurity.SCRAM_MECHANISM.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
                    jaas(BrokerSecurity.BROKER_USER, brokerPassword));
        }
        return p;
    }

    /** A client JAAS line for SCRAM; quotes and backslashes in the password are escaped. */
    static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + escape(user)
                + "\" password=\"" + escape(password) + "\";";
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
